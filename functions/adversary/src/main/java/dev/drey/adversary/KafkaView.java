package dev.drey.adversary;

import dev.drey.devnet.DevnetFederation;
import dev.drey.kafka.EventLogReader;
import dev.drey.kafka.LoggedEvent;
import dev.drey.kafka.OutboxRecord;
import dev.drey.kafka.RecordCodecException;
import dev.drey.kafka.RecordHandler;
import dev.drey.kafka.RecordPosition;
import dev.drey.kafka.Topics;
import dev.drey.nostr.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a miner's Kafka topics hold, read from the beginning up to their current end: the events its relay logged
 * (what its functions see) and the outbox its functions wrote (what it sent). The scenarios' ground truth.
 */
public final class KafkaView {
    private static final Duration CATCH_UP = Duration.ofSeconds(20);

    private KafkaView() {
    }

    /** Every event in miner {@code index}'s event topics. */
    public static List<Event> logged(DevnetFederation f, int index) {
        Topics topics = Topics.withPrefix(DevnetFederation.topicPrefix(index));
        List<Event> out = new ArrayList<>();
        try (EventLogReader<LoggedEvent> r = EventLogReader.events(f.bootstrapServers(), topics.eventTopics())) {
            r.catchUp(r.endOffsets(), CATCH_UP, tolerant((LoggedEvent e) -> out.add(e.event())));
        }
        return out;
    }

    /** Every event miner {@code index}'s functions put in its outbox (to be delivered to recipients). */
    public static List<Event> sent(DevnetFederation f, int index) {
        Topics topics = Topics.withPrefix(DevnetFederation.topicPrefix(index));
        List<Event> out = new ArrayList<>();
        try (EventLogReader<OutboxRecord> r = EventLogReader.outbox(f.bootstrapServers(), topics.outbox())) {
            r.catchUp(r.endOffsets(), CATCH_UP, tolerant((OutboxRecord o) -> out.add(o.event())));
        }
        return out;
    }

    public static List<Event> sent(DevnetFederation f, int index, Predicate<Event> which) {
        return sent(f, index).stream().filter(which).toList();
    }

    /** A record that does not decode is an attacker's too: skipped here, not fatal to the observer. */
    private static <T> RecordHandler<T> tolerant(java.util.function.Consumer<T> each) {
        return new RecordHandler<>() {
            @Override
            public void onRecord(T value, RecordPosition position) {
                each.accept(value);
            }

            @Override
            public void onMalformed(RecordCodecException error, RecordPosition position) {
                // not an event: it cannot be the injected one either
            }
        };
    }
}
