package dev.drey.runtime;

import dev.drey.kafka.EventLogReader;
import dev.drey.kafka.KafkaClientSettings;
import dev.drey.kafka.LoggedEvent;
import dev.drey.kafka.OutboxRecord;
import dev.drey.kafka.OutboxRecordCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Re-runs functions over one event topic from an offset, exactly as a platform redelivers (through
 * {@link FunctionRunner}), and compares what comes out with what the outbox topic already holds. Every function is
 * idempotent, so an unchanged history replays to outputs already on the outbox; anything else is reported as new.
 * A dry run ({@code publish} null) writes nothing to Kafka; otherwise only the new outputs go to {@code publish}
 * (what was published already is not published twice). The functions' own KV writes do happen: they are what a
 * redelivery would do, and idempotent.
 */
public final class TopicReplayer {
    /** What a replay did: records read, outputs made, those already on the outbox, and the new ones. */
    public record Result(String topic, long fromOffset, int records, int handled, int outputs, int alreadyPublished,
            List<String> newOutputs, List<String> failures, int published) {
        public Result {
            newOutputs = List.copyOf(newOutputs);
            failures = List.copyOf(failures);
        }

        public boolean unchanged() {
            return newOutputs.isEmpty() && failures.isEmpty();
        }
    }

    /** Where the topic is and how to reach it. */
    public record Source(String bootstrapServers, KafkaClientSettings client, String topic, long fromOffset,
            String outboxTopic) {
        public Source {
            if (fromOffset < 0) {
                throw new IllegalArgumentException("--from-offset must be 0 or more, was " + fromOffset);
            }
            client = client == null ? KafkaClientSettings.NONE : client;
        }
    }

    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    private static final OutboxSink NOWHERE = records -> { };

    private TopicReplayer() {
    }

    public static Result replay(Source source, List<NostrFunction> functions, OutboxSink publish,
            Consumer<String> progress) {
        if (functions.isEmpty()) {
            throw new IllegalArgumentException("no function consumes " + source.topic());
        }
        Set<String> onOutbox = outboxIds(source);
        List<FunctionRunner> runners = functions.stream().map(f -> new FunctionRunner(f, NOWHERE)).toList();
        progress.accept("replaying " + source.topic() + " from offset " + source.fromOffset() + " through "
                + functions.stream().map(NostrFunction::name).toList() + "; " + onOutbox.size() + " events already on "
                + source.outboxTopic() + (publish == null ? " (dry run: nothing is published)" : ""));
        int[] counts = new int[5]; // records, handled, outputs, already, published
        List<String> fresh = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try (EventLogReader<LoggedEvent> reader = EventLogReader.events(source.bootstrapServers(), source.client(),
                List.of(source.topic()))) {
            Map<TopicPartition, Long> end = reader.endOffsets();
            Map<TopicPartition, Long> start = new LinkedHashMap<>();
            for (TopicPartition tp : reader.partitions()) {
                start.put(tp, Math.min(source.fromOffset(), end.getOrDefault(tp, 0L)));
            }
            reader.seek(start);
            boolean done = reader.catchUp(end, CATCH_UP, (logged, position) -> {
                counts[0]++;
                for (FunctionRunner r : runners) {
                    BatchOutcome o = r.run(logged);
                    counts[1] += o.handled();
                    failures.addAll(o.failures().stream().map(Object::toString).toList());
                    List<OutboxRecord> toPublish = new ArrayList<>();
                    for (OutboxRecord out : o.published()) {
                        counts[2]++;
                        if (onOutbox.contains(out.event().id())) {
                            counts[3]++;
                        } else {
                            fresh.add(out.event().id() + " (kind " + out.event().kind() + ", from "
                                    + r.function().name() + " on " + position + ")");
                            toPublish.add(out);
                            onOutbox.add(out.event().id());
                        }
                    }
                    if (publish != null && !toPublish.isEmpty()) {
                        publish.publish(toPublish);
                        counts[4] += toPublish.size();
                    }
                }
                if (counts[0] % 50 == 0) {
                    progress.accept(counts[0] + " records replayed");
                }
            });
            if (!done) {
                failures.add("the topic was not read to its end within " + CATCH_UP.toSeconds() + " s");
            }
        }
        return new Result(source.topic(), source.fromOffset(), counts[0], counts[1], counts[2], counts[3], fresh,
                failures, counts[4]);
    }

    private static Set<String> outboxIds(Source source) {
        Set<String> ids = new HashSet<>();
        OutboxRecordCodec codec = new OutboxRecordCodec();
        try (EventLogReader<OutboxRecord> r = new EventLogReader<>(source.bootstrapServers(), source.client(),
                List.of(source.outboxTopic()), codec::decode, Duration.ofSeconds(30))) {
            r.catchUp(r.endOffsets(), CATCH_UP, (o, pos) -> ids.add(o.event().id()));
        }
        return ids;
    }
}
