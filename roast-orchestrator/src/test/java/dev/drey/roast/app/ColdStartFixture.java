package dev.drey.roast.app;

import dev.drey.nostr.Event;
import dev.drey.secrets.PassphraseKeyFile;
import dev.drey.secrets.ScryptParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;

/**
 * Writes what the cold-start measurement (docs/PERFORMANCE.md) feeds the packaged app: the federation
 * file, the coordinator's key file (default scrypt cost, as deployed), a sign request as a KafkaSource
 * CloudEvent (body and curl header arguments).
 * Usage: {@code java -cp <app libs>:target/test-classes dev.drey.roast.app.ColdStartFixture <dir> <passphrase>}
 */
public final class ColdStartFixture {
    private ColdStartFixture() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        TestFederation fed = new TestFederation();
        Files.writeString(dir.resolve("federation.json"), fed.federationJson());
        Files.write(dir.resolve("coordinator.key"), PassphraseKeyFile.seal(fed.coordinatorSecrets(),
                args[1].toCharArray(), ScryptParams.DEFAULT, new SecureRandom()));
        Event request = fed.signRequest((int) (System.nanoTime() & 0x7f));
        Files.writeString(dir.resolve("event.json"), request.toJson());
        StringBuilder curl = new StringBuilder();
        for (Map.Entry<String, String> h : CloudEvents.headers(request, "drey.sign", 0, 1, Instant.now()).entrySet()) {
            curl.append("-H\n").append(h.getKey()).append(": ").append(h.getValue()).append('\n');
        }
        Files.writeString(dir.resolve("curl-headers"), curl.toString());
    }
}
