package dev.drey.kafka;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {

    @Test
    void startsAndStops() {
        try (EmbeddedKafka kafka = EmbeddedKafka.temporary().start()) {
            System.out.println("started in " + kafka.lastStartTime().toMillis() + " ms on " + kafka.bootstrapServers());
            long t = System.nanoTime();
            kafka.stop();
            System.out.println("stopped in " + (System.nanoTime() - t) / 1_000_000 + " ms");
            kafka.start();
            System.out.println("restarted in " + kafka.lastStartTime().toMillis() + " ms on " + kafka.bootstrapServers());
        }
    }
}
