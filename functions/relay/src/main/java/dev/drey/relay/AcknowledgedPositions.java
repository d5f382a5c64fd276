package dev.drey.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The highest log position per partition the relay has answered {@code OK true} for. */
public final class AcknowledgedPositions {
    private final Map<LogPartition, Long> acked = new ConcurrentHashMap<>();

    public void record(LogPosition position) {
        acked.merge(position.logPartition(), position.offset(), Math::max);
    }

    public List<LogPosition> snapshot() {
        List<LogPosition> out = new ArrayList<>(acked.size());
        acked.forEach((p, o) -> out.add(new LogPosition(p.topic(), p.partition(), o)));
        return out;
    }
}
