package dev.drey.relay;

/**
 * Where an event sits in the log: topic, partition and offset (the Kafka adapter maps its
 * record positions onto this). Offsets only grow within a partition.
 */
public record LogPosition(String topic, int partition, long offset) {
    public LogPosition {
        new LogPartition(topic, partition);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }

    public LogPartition logPartition() {
        return new LogPartition(topic, partition);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
