package dev.drey.roast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Scalar;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages survive the trip through a signed nostr event; malformed content is refused by name. */
class RoastCodecTest {
    private final byte[] key = Scalar.of(12345).encode();
    private final byte[] aux = new byte[32];

    private Event event(RoastMessage m) {
        return RoastCodec.template(m, 1_700_000_000L, List.of("ab".repeat(32))).sign(key, aux);
    }

    @Test
    void everyMessageRoundTrips() {
        TestGroup g = new TestGroup(2, 3, 11);
        Driver d = new Driver(g);
        d.apply(g.requestInput());
        RoastInput.FromSigner p1 = g.presignature(1);
        d.apply(p1);
        d.apply(g.presignature(2));
        SessionStart start = d.session(1);
        RoastInput.FromSigner share = g.share(1, start);
        List<RoastMessage> all = List.of(p1.message(), start, share.message(),
                new Refusal(g.requestId, 0, "policy says no"), new Refusal(g.requestId, 1, "nonce used"),
                SignatureResult.success(g.requestId, 1, new byte[64]),
                SignatureResult.failure(g.requestId, List.of(g.id(2)), "too many faults"));
        for (RoastMessage m : all) {
            Event e = event(m);
            assertEquals(m.kind(), e.kind());
            assertEquals(g.requestId, e.firstTagValue("e").orElseThrow());
            RoastMessage back = RoastCodec.decode(e);
            assertEquals(RoastCodec.content(m), RoastCodec.content(back), m.type());
            assertTrue(e.content().startsWith("{\"v\":1,"), e.content());
        }
        Event request = event(g.request);
        SignRequest decoded = (SignRequest) RoastCodec.decode(request);
        assertEquals(request.id(), decoded.requestId(), "the request id is the request event's id");
        assertEquals(g.request.coordinators(), decoded.coordinators());
    }

    private RoastMessageException refused(int kind, String content) {
        Event e = new EventTemplate(1, kind, List.of(), content).sign(key, aux);
        return assertThrows(RoastMessageException.class, () -> RoastCodec.decode(e));
    }

    @Test
    void malformedContentIsRefusedWithAReason() {
        String req = "\"request\":\"" + "cd".repeat(32) + "\"";
        assertTrue(refused(3421, "[]").getMessage().contains("JSON object"));
        assertTrue(refused(3421, "{\"v\":2,\"type\":\"presignature\"}").getMessage().contains("'v'"));
        assertTrue(refused(3421, "{\"v\":1,\"type\":\"bogus\"}").getMessage().contains("unknown type"));
        assertTrue(refused(3421, "{\"v\":1,\"type\":\"presignature\"," + req + ",\"session\":0,\"commitments\":\"00\"}")
                .getMessage().contains("commitments"));
        assertTrue(refused(3423, "{\"v\":1,\"type\":\"presignature\"," + req + ",\"session\":0,\"commitments\":\""
                + "02" + "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798" + "02"
                + "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798" + "\"}").getMessage()
                .contains("kind 3421"));
        assertTrue(refused(3421, "{\"v\":1,\"v\":1}").getMessage().contains("not valid JSON"));
        assertTrue(refused(3422, "{\"v\":1,\"type\":\"session-start\"," + req + ",\"session\":1,\"message\":\""
                + "00".repeat(32) + "\",\"signers\":[]}").getMessage().contains("signers"));
        assertTrue(refused(1, "{}").getMessage().contains("not a signing-protocol kind"));
    }
}
