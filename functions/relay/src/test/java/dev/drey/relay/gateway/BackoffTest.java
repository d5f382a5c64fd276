package dev.drey.relay.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheBoundWithJitterBetweenHalfAndAll() {
        Backoff low = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), () -> 0.0);
        Backoff high = low.withRandom(() -> 0.999999);
        assertEquals(50, low.delay(0).toMillis());
        assertEquals(100, high.delay(0).toMillis());
        assertEquals(400, high.delay(2).toMillis());
        assertEquals(200, low.delay(2).toMillis());
        assertEquals(2000, high.delay(10).toMillis());
        assertEquals(2000, high.delay(Integer.MAX_VALUE).toMillis());
        assertEquals(1000, low.delay(40).toMillis());
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), () -> 0));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0));
    }
}
