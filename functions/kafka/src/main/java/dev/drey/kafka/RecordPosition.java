package dev.drey.kafka;

/** Where Kafka stored a record: the acknowledgement of an append. */
public record RecordPosition(String topic, int partition, long offset) {

    public RecordPosition {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("topic must not be empty");
        }
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("partition and offset must not be negative");
        }
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
