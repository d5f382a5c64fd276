package dev.drey.runtime;

import dev.drey.kafka.OutboxRecord;
import java.util.List;

/**
 * Where the adapters put what functions made: the outbox topic. {@link #publish} returns only once every
 * record is acknowledged, and throws {@link OutboxException} otherwise, so an adapter never acknowledges
 * its input (commits the offset, answers 2xx, returns from the Lambda) before its outputs are stored.
 */
public interface OutboxSink {
    void publish(List<OutboxRecord> records);

    final class OutboxException extends RuntimeException {
        public OutboxException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
