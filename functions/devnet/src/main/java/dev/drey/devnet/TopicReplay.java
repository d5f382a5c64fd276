package dev.drey.devnet;

import dev.drey.kafka.EmbeddedKafka;
import dev.drey.kafka.MessageFamily;
import dev.drey.kafka.KafkaClientSettings;
import dev.drey.kafka.Topics;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.miner.DkgFunction;
import dev.drey.runtime.EventLogOutbox;
import dev.drey.runtime.TopicReplayer;
import dev.drey.kafka.EventLog;
import dev.drey.kafka.EventLogConfig;
import dev.drey.runtime.NostrFunction;
import dev.drey.runtime.RecipientRelays;
import dev.drey.secrets.SecretKind;
import dev.drey.secrets.SecretStore;
import dev.drey.secrets.SecretStores;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code drey replay}: re-runs a stopped devnet miner's functions over one of its Kafka topics from an offset,
 * exactly as a platform redelivers (through {@link TopicReplayer}; new outputs reach the outbox only when asked), and
 * reports whether anything new came out. Every function is idempotent, so the outputs are the events already
 * on the outbox (same ids, which relays drop as duplicates) and {@code newOutputs} is empty.
 */
public final class TopicReplay {
    private static final Pattern MINER_TOPIC = Pattern.compile("m(\\d+)\\.(.+)");

    /** What a replay did: records read, outputs made, and those that were not already on the outbox. */
    public record Result(String topic, int miner, long fromOffset, int records, int handled, int outputs,
            int alreadyPublished, List<String> newOutputs, List<String> failures) {
        public boolean unchanged() {
            return newOutputs.isEmpty() && failures.isEmpty();
        }
    }

    private TopicReplay() {
    }

    public static Result run(Path dataDir, String topic, long fromOffset, boolean publish, Consumer<String> progress) {
        if (fromOffset < 0) {
            throw new DevnetException("--from-offset must be 0 or more, was " + fromOffset);
        }
        DevnetState state = DevnetState.read(dataDir);
        Matcher m = MINER_TOPIC.matcher(topic);
        if (!m.matches()) {
            throw new DevnetException("topic " + topic + " is no miner's: devnet topics are m<miner>.drey.<family>, "
                    + "e.g. m3.drey.sign");
        }
        int miner = Integer.parseInt(m.group(1));
        int size = state.federation().size();
        if (miner < 1 || miner > size) {
            throw new DevnetException("the devnet has miners 1.." + size + ", not " + miner);
        }
        Topics topics = Topics.withPrefix(DevnetFederation.topicPrefix(miner));
        MessageFamily family = topics.familyOf(topic).orElseThrow(() -> new DevnetException("topic " + topic
                + " is not one of miner " + miner + "'s event topics: " + topics.eventTopics()));
        Path minerDir = dataDir.resolve("miner-" + miner);
        try (DevnetLock lock = DevnetLock.acquire(dataDir)) {
            return replay(dataDir, state, topic, miner, family, topics, minerDir, fromOffset, publish, progress);
        }
    }

    private static Result replay(Path dataDir, DevnetState state, String topic, int miner, MessageFamily family,
            Topics topics, Path minerDir, long fromOffset, boolean publish, Consumer<String> progress) {
        EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dataDir.resolve("kafka")).build();
        try {
            kafka.start();
        } catch (RuntimeException e) {
            throw new DevnetException("cannot start the devnet's broker on " + dataDir.resolve("kafka")
                    + " (is that devnet still running? stop it with Ctrl-C first): " + e.getMessage(), e);
        }
        SecureRandom rng = new SecureRandom();
        Clock clock = Clock.systemUTC();
        try (kafka;
                KeyValueStore kv = openKv(minerDir, MinerNode.KV_FILE, clock);
                KeyValueStore journal = openKv(minerDir, MinerNode.NONCE_JOURNAL_FILE, clock);
                EventLog log = new EventLog(EventLogConfig.of(kafka.bootstrapServers()).withTopics(topics))) {
            String pubkey = state.federation().pubkeyOf(dev.drey.crypto.frost.Identifier.of(miner));
            Map<String, String> settings = MinerFunctionSet.settings(state, pubkey, minerDir);
            SecretStore secrets = SecretStores.open(settings::get);
            Map<NostrFunction, List<MessageFamily>> functions = new LinkedHashMap<>(MinerFunctionSet.create(settings, kv,
                    journal, secrets, state.invalidShares().contains(miner), rng, clock));
            byte[] identity = secrets.require(SecretKind.IDENTITY_KEY);
            try {
                functions.put(DkgFunction.of(identity, Set.of(state.requester()), kv, rng,
                        RecipientRelays.parse(state.routing(), List.of(state.relayOf(pubkey)))), List.of(MessageFamily.DKG));
            } finally {
                java.util.Arrays.fill(identity, (byte) 0);
            }
            List<NostrFunction> consuming = new ArrayList<>();
            functions.forEach((f, families) -> {
                if (families.contains(family)) {
                    consuming.add(f);
                }
            });
            if (consuming.isEmpty()) {
                throw new DevnetException("no function of miner " + miner + " consumes " + topic);
            }
            TopicReplayer.Result r = TopicReplayer.replay(new TopicReplayer.Source(kafka.bootstrapServers(),
                    KafkaClientSettings.NONE, topic, fromOffset, topics.outbox()), consuming, publish ? new EventLogOutbox(log) : null, progress);
            return new Result(topic, miner, fromOffset, r.records(), r.handled(), r.outputs(), r.alreadyPublished(),
                    r.newOutputs(), r.failures());
        }
    }

    private static KeyValueStore openKv(Path minerDir, String file, Clock clock) {
        try {
            return MvStoreKeyValueStore.open(minerDir.resolve(file), clock, false);
        } catch (RuntimeException e) {
            throw new DevnetException("cannot open " + minerDir.resolve(file) + ": " + e.getMessage(), e);
        }
    }

}
