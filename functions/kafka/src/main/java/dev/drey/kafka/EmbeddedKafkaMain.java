package dev.drey.kafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an embedded broker until interrupted (Ctrl-C) and prints its bootstrap address, for
 * devnet and manual runs: {@code EmbeddedKafkaMain [--port P] [--data DIR] [--prefix PREFIX]}.
 * Without {@code --data} the log lives in a temporary directory deleted on exit. The topics
 * (under the prefix, if given) are created before the address is printed.
 */
public final class EmbeddedKafkaMain {

    private EmbeddedKafkaMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        // The broker is chatty at INFO; if slf4j-simple is the binding, show warnings only unless told otherwise.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        EmbeddedKafka.Builder builder = EmbeddedKafka.builder();
        String prefix = "";
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> builder.port(parsePort(value(args, ++i, "--port")));
                    case "--data" -> builder.dataDir(Path.of(value(args, ++i, "--data")));
                    case "--prefix" -> prefix = value(args, ++i, "--prefix");
                    case "-h", "--help" -> {
                        System.out.println("usage: EmbeddedKafkaMain [--port P] [--data DIR] [--prefix PREFIX]");
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            Topics topics = Topics.withPrefix(prefix);
            EmbeddedKafka kafka = builder.build();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                kafka.close();
                stopped.countDown();
            }, "embedded-kafka-shutdown"));
            kafka.start();
            try (EventLog log = new EventLog(EventLogConfig.of(kafka.bootstrapServers()).withTopics(topics))) {
                log.ensureTopics();
            }
            System.out.println("kafka " + kafka.bootstrapServers() + " data " + kafka.dataDir()
                    + " started in " + kafka.lastStartTime().toMillis() + " ms; topics " + topics.all());
            System.out.flush();
            stopped.await();
        } catch (IllegalArgumentException | IllegalStateException | EmbeddedKafkaException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int parsePort(String s) {
        if (!s.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("--port must be a number in 0..65535, was " + s);
        }
        return Integer.parseInt(s);
    }
}
