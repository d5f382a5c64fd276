package dev.drey.devnet;

import dev.drey.kafka.EventLog;
import dev.drey.kafka.EventLogReader;
import dev.drey.kafka.LoggedEvent;
import dev.drey.kafka.MessageFamily;
import dev.drey.kafka.Topics;
import dev.drey.runtime.BatchOutcome;
import dev.drey.runtime.EventLogOutbox;
import dev.drey.runtime.FunctionRunner;
import dev.drey.runtime.KafkaDeadLetters;
import dev.drey.runtime.NostrFunction;
import dev.drey.runtime.RecordFailure;
import dev.drey.runtime.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One miner's functions over its own topics, as the local Kafka consumer adapter runs them: every record of a
 * family goes through each function that consumes that family ({@code FunctionRunner}: the function, then its
 * outputs to the miner's outbox topic). Functions may be installed while it runs (the signer once the DKG gave
 * it a key); each sees the records that arrive after. As the deployable does, records no function can ever handle
 * go to the miner's dead-letter topic, a transient failure leaves the record to be read again, and every function
 * gets a periodic tick (run deadlines).
 */
final class FunctionLoop implements AutoCloseable {
    /** A function and the families it consumes. */
    record Installed(FunctionRunner runner, Set<MessageFamily> families) {
    }

    private final CopyOnWriteArrayList<Installed> functions = new CopyOnWriteArrayList<>();
    private final Topics topics;
    private final Consumer<String> log;
    private final Thread thread;
    private final EventLogReader<LoggedEvent> reader;
    private final EventLogOutbox outbox;
    private final KafkaDeadLetters deadLetters;
    private long lastTickNanos = System.nanoTime();
    private volatile boolean running = true;
    private volatile boolean holdRequested;
    private volatile boolean held;
    private final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();

    FunctionLoop(String name, String bootstrapServers, Topics topics, EventLog outboxLog, Consumer<String> log) {
        this.topics = topics;
        this.log = log;
        this.reader = EventLogReader.events(bootstrapServers, topics.eventTopics());
        this.outbox = new EventLogOutbox(outboxLog);
        this.deadLetters = new KafkaDeadLetters(outboxLog);
        this.thread = new Thread(this::run, name + "-functions");
        thread.setDaemon(true);
    }

    FunctionLoop start() {
        thread.start();
        return this;
    }

    void install(NostrFunction f, List<MessageFamily> families) {
        functions.add(new Installed(new FunctionRunner(f, outbox, deadLetters, RetryPolicy.DEFAULT),
                Set.copyOf(families)));
    }

    /**
     * Stops handing records to the functions (they wait in Kafka, in order) until {@link #resume()}; returns once
     * the loop is between batches. The devnet's model of a miner that is slow to react.
     */
    void hold() {
        holdRequested = true;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!held && running && thread.isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void resume() {
        holdRequested = false;
    }

    private void run() {
        while (running) {
            held = holdRequested;
            if (held) {
                sleepQuietly(10);
                continue;
            }
            try {
                tickWhenDue();
                reader.poll(Duration.ofMillis(50), (logged, position) -> {
                    MessageFamily family = topics.familyOf(position.topic()).orElse(MessageFamily.OTHER);
                    for (Installed f : functions) {
                        if (f.families().contains(family)) {
                            report(f.runner().function().name(), f.runner().run(logged));
                        }
                    }
                });
            } catch (RuntimeException e) {
                if (running) {
                    // the adapter's rule: log, keep going (the record can be replayed: functions are idempotent)
                    log.accept("function loop: " + e.getMessage());
                    sleepQuietly(200);
                }
            }
        }
    }

    /** The deployable's tick ({@code drey.tick-interval}, here every second): deadlines of open runs. */
    private void tickWhenDue() {
        if (System.nanoTime() - lastTickNanos < TICK_NANOS) {
            return;
        }
        lastTickNanos = System.nanoTime();
        long now = System.currentTimeMillis() / 1000;
        for (Installed f : functions) {
            report(f.runner().function().name(), f.runner().tick(now));
        }
    }

    private static final long TICK_NANOS = 1_000_000_000L;

    private void report(String function, BatchOutcome outcome) {
        for (RecordFailure f : outcome.failures()) {
            failures.incrementAndGet();
            log.accept(function + ": " + f);
        }
        for (String note : outcome.notes()) {
            log.accept(function + ": " + note);
        }
    }

    /** Records a function failed on and the loop moved past (each is on the dead-letter topic with its reason). */
    long recordFailures() {
        return failures.get();
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.close();
        deadLetters.close();
    }
}
