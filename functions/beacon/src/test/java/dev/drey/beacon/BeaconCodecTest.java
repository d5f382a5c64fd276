package dev.drey.beacon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.drey.crypto.Bytes;
import dev.drey.crypto.Hex;
import dev.drey.nostr.Event;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeaconCodecTest {
    @TempDir
    Path dir;

    @Test
    void beaconEventIsWhatTlockReads() {
        byte[] sig = new byte[48];
        sig[0] = (byte) 0xa0;
        BeaconOutput b = BeaconOutput.of(42, sig);
        assertEquals("{\"v\":1,\"round\":42,\"randomness\":\"" + Hex.encode(Bytes.sha256(sig)) + "\",\"signature\":\""
                + Hex.encode(sig) + "\"}", BeaconCodec.content(b));
        try (Federation f = new Federation(dir, 2, 3, 10)) {
            Event e = f.event(1, b);
            assertEquals(List.of("x", Federation.CHAIN + ":42"), e.tags().get(0));
            assertEquals(b, BeaconCodec.decode(e, Federation.CHAIN));
            assertThrows(BeaconException.class, () -> BeaconCodec.decode(e, "cd".repeat(32)), "another chain's tag");
        }
    }

    @Test
    void everyMessageRoundTrips() {
        try (Federation f = new Federation(dir, 2, 3, 10)) {
            String req = "ef".repeat(32);
            List<BeaconMessage> all = List.of(
                    new PartialMessage(Federation.CHAIN, new PartialMessage.Round(7), 2, new byte[] {1, 2}, new byte[] {3}),
                    new PartialMessage(Federation.CHAIN, new PartialMessage.Vrf(req, new byte[] {9}), 3, new byte[] {1},
                            new byte[] {4}),
                    new VrfRequest(Federation.CHAIN, new byte[] {5, 6}),
                    VrfOutput.of(req, new byte[] {7}, new byte[] {8, 8}));
            for (BeaconMessage m : all) {
                BeaconMessage back = BeaconCodec.decode(f.event(1, m), Federation.CHAIN);
                assertEquals(BeaconCodec.content(m), BeaconCodec.content(back));
            }
        }
    }

    @Test
    void malformedContentIsRefused() {
        for (String bad : new String[] {"{\"v\":2,\"round\":1,\"randomness\":\"00\",\"signature\":\"00\"}",
                "{\"v\":1,\"round\":0,\"randomness\":\"00\",\"signature\":\"00\"}", "[]", "{\"v\":1}"}) {
            assertThrows(BeaconException.class, () -> decodeBeacon(bad), bad);
        }
        assertThrows(BeaconException.class, () -> BeaconOutput.of(1, new byte[0]));
        assertThrows(BeaconException.class, () -> new BeaconOutput(1, new byte[32], new byte[] {1}),
                "randomness must be SHA-256 of the signature");
    }

    private static BeaconMessage decodeBeacon(String content) {
        byte[] key = new byte[32];
        key[31] = 3;
        Event e = new dev.drey.nostr.EventTemplate(1, BeaconKinds.BEACON,
                List.of(List.of("x", Federation.CHAIN + ":1")), content).sign(key, new java.security.SecureRandom());
        return BeaconCodec.decode(e, Federation.CHAIN);
    }
}
