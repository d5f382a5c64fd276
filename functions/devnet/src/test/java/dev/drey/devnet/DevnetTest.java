package dev.drey.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Schnorr;
import dev.drey.nostr.Nip19;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smaller devnet in process (4 miners, threshold 3, one sending invalid shares), kept running so a client signs
 * a message through it as {@code drey roast sign} does; and the scenario checks. The threshold leaves exactly t
 * honest miners, so the session with the bad share must fail before another can sign (with t = 2 a second,
 * all-honest session may finish first and the bad share is never looked at).
 */
class DevnetTest {
    @TempDir
    Path dir;

    @Test
    void aRunningDevnetSignsAClientsMessage() {
        DevnetConfig config = new DevnetConfig(4, 3, 0, 1, dev.drey.crypto.pairing.PairingCurves.BLS381, dir, null);
        List<String> progress = new ArrayList<>();
        try (Devnet devnet = new Devnet(config, progress::add)) {
            DevnetReport report = devnet.run();
            assertTrue(report.ok(), report.error() + " " + report.steps());
            assertEquals(List.of(1), report.roast().culprits().stream().map(DevnetReport.Culprit::miner).toList());
            assertTrue(report.issuanceEvent().verify().isValid());
            // the vote before the issuance: 750 won (miners 1, 2 and 4), its result is group-signed, the issuance
            // carries the voted amount
            assertEquals(List.of(0L, 3L, 1L), report.vote().tally());
            assertEquals("issuance-amount", report.vote().param());
            assertEquals("750", report.vote().value());
            assertEquals(report.groupPublicKey(), report.vote().resultEvent().pubkey());
            assertTrue(report.vote().resultEvent().verify().isValid());
            assertEquals(List.of("750"), report.issuanceEvent().tagValues("amount"));
            assertTrue(progress.stream().anyMatch(l -> l.contains("roast-sign ok")), progress.toString());

            byte[] message = new byte[32];
            new SecureRandom().nextBytes(message);
            byte[] client = Nip19.decodeNsec(devnet.demoClientNsec());
            DevnetSigning.Outcome o = DevnetSigning.sign(dir, client, message, Duration.ofSeconds(60), l -> { });
            assertTrue(o.valid());
            assertEquals(report.groupPublicKey(), o.groupPublicKey());
            assertTrue(Schnorr.verify(dev.drey.crypto.Hex.decode(o.groupPublicKey(), 32), message, o.signature()));

            byte[] stranger = new byte[32];
            stranger[31] = 9;
            DevnetException refused = assertThrows(DevnetException.class,
                    () -> DevnetSigning.sign(dir, stranger, message, Duration.ofSeconds(5), l -> { }));
            assertTrue(refused.getMessage().contains("not the devnet's demo client"), refused.getMessage());
        }
    }

    @Test
    void impossibleScenariosAreRefusedUpFront() {
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> DevnetConfig.of(5, 3, 3, dir));
        assertTrue(tooMany.getMessage().contains("at most miners - threshold = 2"), tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DevnetConfig.of(5, 6, 0, dir));
        assertThrows(IllegalArgumentException.class, () -> DevnetConfig.of(1, 1, 0, dir));
        DevnetConfig c = DevnetConfig.of(7, 4, 3, dir);
        assertEquals(2, c.offline());
        assertEquals(1, c.invalid());
        assertTrue(c.isOffline(1) && c.isOffline(2) && c.sendsInvalidShares(3));
        assertEquals(7, c.coordinator());
    }

    @Test
    void replayNeedsADevnet() {
        DevnetException e = assertThrows(DevnetException.class, () -> TopicReplay.run(dir, "m1.drey.sign", 0, false, l -> { }));
        assertTrue(e.getMessage().contains("run ./drey devnet first"), e.getMessage());
    }
}
