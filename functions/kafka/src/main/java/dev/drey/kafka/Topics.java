package dev.drey.kafka;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Kafka topic names: one per {@link MessageFamily} ({@code drey.sign}, {@code drey.other}, ...)
 * plus {@code drey.outbox} for the events the functions publish and {@code drey.dead-letter} for the
 * records they can never handle (with the reason), optionally under a prefix so
 * several miners can share one cluster ({@code miner1.drey.sign}). The only place topic names
 * are made.
 */
public final class Topics {

    public static final String BASE = "drey";
    public static final String OUTBOX_SUFFIX = "outbox";
    public static final String DEAD_LETTER_SUFFIX = "dead-letter";

    /** Kafka's legal topic characters; a prefix is joined with a dot. */
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final int MAX_PREFIX = 100;

    private final String prefix;
    private final Map<MessageFamily, String> byFamily = new EnumMap<>(MessageFamily.class);
    private final String outbox;
    private final String deadLetter;

    private Topics(String prefix) {
        this.prefix = prefix;
        String root = prefix.isEmpty() ? BASE : prefix + "." + BASE;
        for (MessageFamily f : MessageFamily.values()) {
            byFamily.put(f, root + "." + f.topicSuffix());
        }
        outbox = root + "." + OUTBOX_SUFFIX;
        deadLetter = root + "." + DEAD_LETTER_SUFFIX;
    }

    /** The unprefixed names: {@code drey.dkg}, ..., {@code drey.outbox}. */
    public static Topics unprefixed() {
        return new Topics("");
    }

    /**
     * Names under {@code prefix} ({@code "miner1"} gives {@code miner1.drey.sign}); an empty prefix
     * is the unprefixed set. Letters, digits, {@code _} and {@code -}, in dot-separated parts.
     */
    public static Topics withPrefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("topic prefix must not be null (use \"\" for none)");
        }
        if (!prefix.isEmpty() && (prefix.length() > MAX_PREFIX || !PREFIX.matcher(prefix).matches())) {
            throw new IllegalArgumentException("topic prefix must be at most " + MAX_PREFIX
                    + " characters of [A-Za-z0-9_-] in dot-separated parts, was \"" + prefix + "\"");
        }
        return new Topics(prefix);
    }

    public String prefix() {
        return prefix;
    }

    /** The topic an event of this kind is appended to. */
    public String topicFor(int kind) {
        return byFamily.get(ProtocolKinds.familyOf(kind));
    }

    public String topicFor(MessageFamily family) {
        return byFamily.get(family);
    }

    /** The topic of events the functions hand to the relay for publishing. */
    public String outbox() {
        return outbox;
    }

    /**
     * The topic of records the functions could not handle and will not retry (undecodable, refused by the
     * function): one small JSON envelope each, naming the original topic, partition and offset, the stage
     * and the reason. Never consumed by a function; for the operator and {@code drey replay}.
     */
    public String deadLetter() {
        return deadLetter;
    }

    /** Every topic incoming events are appended to, in family order. */
    public List<String> eventTopics() {
        return List.copyOf(byFamily.values());
    }

    /** The event topics, the outbox and the dead-letter topic: what a deployment must create. */
    public List<String> all() {
        List<String> all = new ArrayList<>(byFamily.values());
        all.add(outbox);
        all.add(deadLetter);
        return Collections.unmodifiableList(all);
    }

    /** The family an event topic of this set carries; empty for the outbox, the dead-letter and foreign topics. */
    public Optional<MessageFamily> familyOf(String topic) {
        for (Map.Entry<MessageFamily, String> e : byFamily.entrySet()) {
            if (e.getValue().equals(topic)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "Topics" + all();
    }
}
