package dev.drey.roast.app;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.response.Response;
import java.util.concurrent.TimeUnit;

/**
 * The app's {@code /q/health} as a platform probes it. Right after start the Kafka consumer may not
 * have joined its group yet (readiness DOWN for a moment), so this waits up to 20 s for UP.
 */
final class HealthProbe {
    private HealthProbe() {
    }

    static void awaitUp() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Response r = given().get("/q/health");
        while (r.statusCode() != 200 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            r = given().get("/q/health");
        }
        String body = r.asString();
        assertEquals(200, r.statusCode(), body);
        assertEquals("UP", r.jsonPath().getString("status"), body);
    }
}
