package dev.drey.relay.kafka;

import dev.drey.kafka.EmbeddedKafka;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real embedded broker for the test classes of this module that do not stop it (each uses
 * its own topic prefix), so the suite pays the broker's start once. Closed when the JVM ends.
 */
public final class SharedKafka {
    private static EmbeddedKafka broker;
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private SharedKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            broker = EmbeddedKafka.temporary().start();
            EmbeddedKafka b = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(b::close));
        }
        return broker.bootstrapServers();
    }

    /** A topic prefix no other test in this JVM uses. */
    public static String freshPrefix(String name) {
        return name + "-" + PREFIXES.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    }
}
