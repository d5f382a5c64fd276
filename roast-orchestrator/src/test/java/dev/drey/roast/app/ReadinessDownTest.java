package dev.drey.roast.app;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The function artifact started without what it needs (the key file missing, the KV store's path unusable,
 * no federation file): the process stays up and says so at {@code /q/health/ready}: DOWN, naming each
 * missing piece, instead of failing silently or crash-looping without a word. Knative adapter: no consumer.
 */
@QuarkusTest
@TestProfile(ReadinessDownTest.NothingThere.class)
class ReadinessDownTest {
    static final String PASSPHRASE = "do-not-log-this-passphrase";

    public static class NothingThere implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path notADirectory = Files.createTempFile("drey-not-a-dir", ".txt");
                notADirectory.toFile().deleteOnExit();
                return Map.of("drey.function", "signer", "drey.adapter", "knative",
                        "kafka.bootstrap.servers", "127.0.0.1:9",
                        "drey.secrets.path", notADirectory.resolveSibling("drey-missing-" + System.nanoTime() + ".key").toString(),
                        "drey.secrets.passphrase", PASSPHRASE,
                        "drey.kv.backend", "mvstore",
                        "drey.kv.path", notADirectory.resolve("kv.mv.db").toString(),
                        "drey.federation.file", notADirectory.resolveSibling("drey-missing-federation.json").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void readinessIsDownAndSaysWhatIsMissing() {
        String body = given().get("/q/health/ready").then().statusCode(503).extract().asString();
        JsonPath json = JsonPath.from(body);
        assertEquals("DOWN", json.getString("status"), body);
        for (String check : new String[] {"kv", "key-file", "federation-file", "function"}) {
            assertEquals("DOWN", json.getString("checks.find { it.name == '" + check + "' }.status"), check + ": " + body);
        }
        assertTrue(json.getString("checks.find { it.name == 'key-file' }.data.error").contains("drey-missing-"), body);
        assertFalse(body.contains(PASSPHRASE), "the passphrase never leaves the process: " + body);
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void metricsAreServedEvenWhenNotReady() {
        assertTrue(Scrape.metrics().contains("drey_roast_runs_completed_total"));
    }
}
