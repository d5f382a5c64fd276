package dev.drey.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.pairing.DleqProof;
import dev.drey.crypto.pairing.DtaShares;
import dev.drey.crypto.pairing.MasterSecretShare;
import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.PairingCurves;
import dev.drey.crypto.pairing.PairingDealer;
import dev.drey.crypto.pairing.VerifiableShare;
import dev.drey.dta.DtaFunction;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.nostr.Event;
import dev.drey.pol.protocol.DtaMessages;
import dev.drey.pol.protocol.SharePayload;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DTA's encrypted share events (3431) open with nostr-tools' nip44 given the app's secret key. */
class DtaShareInteropTest {
    private final SecureRandom rng = new SecureRandom();
    @TempDir
    Path dir;

    @Test
    void nostrToolsDecryptsTheShareEventsForTheApp() throws Exception {
        PairingCurve curve = PairingCurves.BLS381;
        Clock clock = Clock.systemUTC();
        byte[] serviceSk = random(32);
        byte[] appSk = random(32);
        String appPk = Hex.encode(Schnorr.publicKey(appSk));
        PairingDealer.Dealt dealt = PairingDealer.split(curve, curve.randomScalar(rng), 2, 3, rng);
        byte[] hid = curve.mpin().hashId(random(32));
        long now = clock.instant().getEpochSecond();
        String requestId = Hex.encode(random(16));
        var request = DtaMessages.clientSecretRequest(now, requestId, curve.id(), hid, appPk, now + 120);
        List<Event> responses = new ArrayList<>();
        try (KeyValueStore kv = MvStoreKeyValueStore.open(dir.resolve("kv.mv"), clock, false)) {
            for (MasterSecretShare s : dealt.shares()) {
                byte[] minerSk = random(32);
                DtaFunction f = DtaFunction.create(minerSk, s, Set.of(Hex.encode(Schnorr.publicKey(serviceSk))),
                        kv, clock, rng);
                responses.addAll(f.handle(DtaMessages.sealedFor(request, Hex.encode(Schnorr.publicKey(minerSk)),
                        serviceSk, rng)));
            }
        }
        ObjectNode req = NodePeer.request("openEvents").put("secretKey", Hex.encode(appSk));
        ArrayNode events = req.putArray("events");
        for (Event e : responses) {
            events.add(NodePeer.JSON.readTree(e.toJson()));
        }
        JsonNode r = NodePeer.call(req);
        assertEquals(3, r.size());
        for (int i = 0; i < 3; i++) {
            JsonNode o = r.get(i);
            assertTrue(o.path("valid").asBoolean(), () -> "nostr-tools: " + o);
            assertTrue(o.path("toMe").asBoolean());
            SharePayload p = DtaMessages.parseSharePayload(o.get("plaintext").asText());
            assertEquals(requestId, p.requestId());
            assertEquals(DtaShares.Kind.CLIENT_SECRET, p.shareKind());
            assertEquals(Hex.encode(hid), p.identityHash());
            VerifiableShare share = new VerifiableShare(p.minerIndex(), Hex.decode(p.share()),
                    new DleqProof(new BigInteger(p.proofC(), 16), new BigInteger(p.proofZ(), 16)));
            assertTrue(DtaShares.verify(curve, DtaShares.Kind.CLIENT_SECRET,
                    dealt.publicKey().publicShare(p.minerIndex()), share, 0, hid));
        }
    }

    private byte[] random(int n) {
        byte[] b = new byte[n];
        rng.nextBytes(b);
        return b;
    }
}
