package dev.drey.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics that do not exist yet; concurrent creation by someone else is fine. */
final class TopicProvisioner {

    private TopicProvisioner() {
    }

    /** Blocks at most {@code timeout}; fails with an {@link IllegalStateException} naming the topics. */
    static void ensureExist(Admin admin, Collection<String> topics, int partitions, short replicationFactor,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Set<String> existing = admin.listTopics().names().get(remainingMs(deadline), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String t : topics) {
                if (!existing.contains(t)) {
                    missing.add(new NewTopic(t, partitions, replicationFactor));
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            CreateTopicsResult result = admin.createTopics(missing);
            for (var e : result.values().entrySet()) {
                try {
                    e.getValue().get(remainingMs(deadline), TimeUnit.MILLISECONDS);
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create Kafka topic " + e.getKey() + ": "
                                + ex.getCause().getMessage(), ex.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topics " + topics, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + timeout.toMillis()
                    + " ms while checking or creating topics " + topics, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list Kafka topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static long remainingMs(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
