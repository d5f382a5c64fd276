package dev.drey.cli;

import dev.drey.devnet.DevnetException;
import dev.drey.devnet.TopicReplay;
import dev.drey.kafka.EventLog;
import dev.drey.kafka.EventLogConfig;
import dev.drey.kafka.KafkaClientSettings;
import dev.drey.kafka.MessageFamily;
import dev.drey.kafka.Topics;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.KeyValueStores;
import dev.drey.kv.KvConfig;
import dev.drey.miner.MinerFunctions;
import dev.drey.runtime.EventLogOutbox;
import dev.drey.runtime.NostrFunction;
import dev.drey.runtime.TopicReplayer;
import dev.drey.secrets.SecretStore;
import dev.drey.secrets.SecretStores;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code drey replay}: re-runs a miner's function over one of its Kafka topics from an offset and reports what
 * would change: how many outputs were already on the outbox and which, if any, are new. Against any cluster
 * ({@code --bootstrap}, the function configured by {@code --config} exactly as its deployment is), or a stopped
 * devnet's data ({@code --data-dir}). Nothing is published unless {@code --publish}, and then only the new
 * outputs. Exit 0 when nothing changed, 1 when the replay produced new events or failures.
 */
@Command(name = "replay", description = "Re-run a miner's function over one of its Kafka topics and report what "
        + "would change (functions are idempotent: normally nothing). Publishes only with --publish.")
final class ReplayCommand implements Callable<Integer> {
    /** The deployable's topic-prefix setting (the function app's {@code FunctionBeans.TOPIC_PREFIX}). */
    static final String TOPIC_PREFIX = "drey.kafka.topic-prefix";

    @Spec
    CommandSpec spec;

    @Option(names = "--topic", required = true, description = "the event topic, e.g. drey.sign (with the "
            + "deployment's prefix), or m<miner>.drey.<family> in a devnet")
    String topic;

    @Option(names = "--from-offset", defaultValue = "0", description = "first offset to replay, in every partition "
            + "(default ${DEFAULT-VALUE})")
    long fromOffset;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "a Kafka cluster's bootstrap servers "
            + "(needs --config); without it, a stopped devnet's data is replayed")
    String bootstrap;

    @Option(names = "--kafka-config", paramLabel = "FILE", description = "a properties file of Kafka client security "
            + "settings (security.protocol, sasl.*, ssl.*) for --bootstrap")
    Path kafkaConfig;

    @Option(names = "--config", paramLabel = "FILE", description = "the function's settings as its deployment has "
            + "them (a properties file: drey.function, drey.kv.*, drey.secrets.*, drey.federation.file, "
            + "drey.kafka.topic-prefix, ...)")
    Path config;

    @Option(names = "--publish", description = "append the new outputs to the outbox topic (default: report only)")
    boolean publish;

    @Option(names = "--data-dir", description = "a stopped devnet's data directory (default: the one `drey devnet` "
            + "uses); not with --bootstrap")
    Path dataDir;

    @Override
    public Integer call() {
        if (fromOffset < 0) {
            throw new ParameterException(spec.commandLine(), "--from-offset must be 0 or more");
        }
        if (bootstrap != null && dataDir != null) {
            throw new ParameterException(spec.commandLine(), "give --bootstrap (a cluster) or --data-dir (a devnet), "
                    + "not both");
        }
        if (bootstrap == null && (config != null || kafkaConfig != null)) {
            throw new ParameterException(spec.commandLine(), "--config and --kafka-config go with --bootstrap");
        }
        if (bootstrap != null && config == null) {
            throw new ParameterException(spec.commandLine(), "--bootstrap needs --config FILE: the function's "
                    + "settings");
        }
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = new Progress(err, "drey replay");
        DevnetCommand.quietLogging();
        Map<String, Object> out = new LinkedHashMap<>();
        TopicReplayer.Result r;
        if (bootstrap == null) {
            Path dir = (dataDir == null ? DevnetCommand.defaultDataDir() : dataDir).toAbsolutePath();
            TopicReplay.Result d;
            try {
                d = TopicReplay.run(dir, topic, fromOffset, publish, progress);
            } catch (DevnetException e) {
                throw new CliException(e.getMessage());
            }
            out.put("miner", d.miner());
            r = new TopicReplayer.Result(d.topic(), d.fromOffset(), d.records(), d.handled(), d.outputs(),
                    d.alreadyPublished(), d.newOutputs(), d.failures(), publish ? d.newOutputs().size() : 0);
        } else {
            r = cluster(progress);
        }
        out.put("topic", r.topic());
        out.put("fromOffset", r.fromOffset());
        out.put("records", r.records());
        out.put("handled", r.handled());
        out.put("outputs", r.outputs());
        out.put("alreadyPublished", r.alreadyPublished());
        out.put("newOutputs", r.newOutputs());
        out.put("failures", r.failures());
        out.put("unchanged", r.unchanged());
        out.put("published", publish ? r.newOutputs().size() : 0);
        spec.commandLine().getOut().println(Json.write(out));
        return r.unchanged() ? 0 : Drey.EXIT_INVALID;
    }

    private TopicReplayer.Result cluster(Progress progress) {
        Map<String, String> props = properties(config);
        UnaryOperator<String> settings = name -> {
            String v = props.get(name);
            return v == null || v.isBlank() ? null : v;
        };
        String function = settings.apply(MinerFunctions.FUNCTION);
        if (function == null) {
            throw new CliException("--config " + config + ": " + MinerFunctions.FUNCTION + " is not set");
        }
        List<MessageFamily> consumed;
        try {
            consumed = MinerFunctions.families(function.strip());
        } catch (IllegalArgumentException e) {
            throw new CliException("--config " + config + ": " + e.getMessage());
        }
        String prefix = settings.apply(TOPIC_PREFIX);
        Topics topics = Topics.withPrefix(prefix == null ? "" : prefix);
        MessageFamily family = topics.familyOf(topic).orElseThrow(() -> new CliException("topic " + topic
                + " is not one of the event topics with prefix '" + (prefix == null ? "" : prefix) + "': "
                + topics.eventTopics()));
        if (!consumed.contains(family)) {
            throw new CliException("the " + function + " function does not consume " + topic + " (it reads "
                    + consumed.stream().map(topics::topicFor).toList() + ")");
        }
        KafkaClientSettings client = RelayCommand.kafkaClientSettings(kafkaConfig);
        Map<String, String> kvProps = new LinkedHashMap<>();
        props.forEach((k, v) -> {
            if (k.startsWith("drey.kv.")) {
                kvProps.put(k, v);
            }
        });
        SecureRandom rng = new SecureRandom();
        try (KeyValueStore kv = KeyValueStores.open(KvConfig.from(kvProps, Map.of()));
                EventLog log = new EventLog(EventLogConfig.of(bootstrap).withTopics(topics).withClientSettings(client))) {
            SecretStore secrets = SecretStores.open(settings);
            NostrFunction f = MinerFunctions.create(settings, kv, secrets, rng, Clock.systemUTC());
            return TopicReplayer.replay(new TopicReplayer.Source(bootstrap, client, topic, fromOffset, topics.outbox()),
                    List.of(f), publish ? new EventLogOutbox(log) : null, progress);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException(e.getMessage());
        }
    }

    private static Map<String, String> properties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new CliException("cannot read --config " + file + ": " + e.getMessage());
        }
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(n -> m.put(n, p.getProperty(n).strip()));
        return m;
    }
}
