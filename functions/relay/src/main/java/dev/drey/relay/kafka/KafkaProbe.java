package dev.drey.relay.kafka;

import dev.drey.kafka.KafkaClientSettings;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Asks Kafka whether it answers, for readiness checks: a cluster description within a timeout. */
public final class KafkaProbe implements AutoCloseable {
    private final Properties properties;
    private final Admin admin;
    private final Duration timeout;

    /** A probe of the cluster at {@code bootstrapServers}, connecting with {@code client} settings. */
    public KafkaProbe(String bootstrapServers, KafkaClientSettings client, Duration timeout) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "50");
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
        this.properties = client.applyTo(p);
        this.admin = Admin.create(properties);
        this.timeout = timeout;
    }

    /** The admin client's settings, the client settings included (a copy; may hold credentials). */
    public Properties adminProperties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

    /** Broker count if Kafka answered in time. */
    public Result check() {
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            return new Result(brokers > 0, brokers, brokers > 0 ? "" : "no brokers");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, 0, "interrupted");
        } catch (Exception e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            return new Result(false, 0, c.getClass().getSimpleName() + ": " + c.getMessage());
        }
    }

    public record Result(boolean up, int brokers, String error) {
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
