package dev.drey.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drey.crypto.Bip340;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** Both BIP-340 paths (pure Java and libsecp256k1) verify in @noble/curves; tampering fails there. */
class SchnorrInteropTest {
    @Test
    void bothPathsVerifyInNoble() {
        SecureRandom rng = new SecureRandom();
        ObjectNode req = NodePeer.request("schnorrVerify");
        ArrayNode items = req.putArray("items");
        int n = 40;
        for (int i = 0; i < n; i++) {
            byte[] sk = Scalar.random(rng).encode();
            byte[] msg = new byte[32];
            rng.nextBytes(msg);
            byte[] aux = new byte[32];
            rng.nextBytes(aux);
            byte[] sig = (i % 2 == 0) ? Schnorr.sign(sk, msg, aux) : Bip340.FINAL.sign(sk, msg, aux);
            String pk = Hex.encode(Schnorr.publicKey(sk));
            items.addObject().put("publicKey", pk).put("message", Hex.encode(msg)).put("signature", Hex.encode(sig));
            msg[0] ^= 1;
            items.addObject().put("publicKey", pk).put("message", Hex.encode(msg)).put("signature", Hex.encode(sig));
        }
        JsonNode r = NodePeer.call(req);
        for (int i = 0; i < 2 * n; i++) {
            assertEquals(i % 2 == 0, r.get(i).asBoolean(), "item " + i);
        }
    }
}
