package dev.drey.relay;

import dev.drey.nostr.RelayMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A session's output kept in memory: what was sent, whether and why it was closed, a settable backlog. */
final class RecordingOutput implements RelayOutput {
    final List<RelayMessage> received = new ArrayList<>();
    final AtomicLong backlog = new AtomicLong();
    volatile String closedWith;

    @Override
    public void send(RelayMessage message) {
        synchronized (received) {
            received.add(message);
        }
    }

    @Override
    public long queuedBytes() {
        return backlog.get();
    }

    @Override
    public void close(String reason) {
        closedWith = reason;
    }

    List<RelayMessage> messages() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }
}
