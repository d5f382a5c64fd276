package dev.drey.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Row 1 of the final BIP-340 vectors, inlined so it runs even without shared/vectors. */
class Bip340SmokeTest {
    @Test
    void vectorRowOneSignsByteExact() {
        byte[] sk = Hex.decode("b7e151628aed2a6abf7158809cf4f3c762e7160f38b4da56a784d9045190cfef");
        byte[] aux = Hex.decode("0000000000000000000000000000000000000000000000000000000000000001");
        byte[] msg = Hex.decode("243f6a8885a308d313198a2e03707344a4093822299f31d0082efa98ec4e6c89");
        assertEquals("dff1d77f2a671c5f36183726db2341be58feae1da2deced843240f7b502ba659",
                Hex.encode(Bip340.publicKey(sk)));
        byte[] sig = Bip340.FINAL.sign(sk, msg, aux);
        assertEquals("6896bd60eeae296db48a229ff71dfe071bde413e6d43f917dc8dcf8c78de3341"
                + "8906d11ac976abccb20b091292bff4ea897efcb639ea871cfa95f6de339e4b0a", Hex.encode(sig));
        assertTrue(Bip340.FINAL.verify(Bip340.publicKey(sk), msg, sig));
        assertEquals(Hex.encode(sig), Hex.encode(Schnorr.sign(sk, msg, aux)));
    }
}
