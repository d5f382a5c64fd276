package dev.drey.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Bip340SmokeTest {
    @Test
    void vectorRowOneSignsByteExact() {
        byte[] sk = Hex.decode("b7e151628aed2a6abf7158809cf4f3c762e7160f38b4da56a784d9045190cfef");
        byte[] aux = Hex.decode("0000000000000000000000000000000000000000000000000000000000000001");
        byte[] msg = Hex.decode("243f6a8885a308d313198a2e03707344a4093822299f31d0082efa98ec4e6c89");
        assertEquals("dff1d77f2a671c5f36183726db2341be58feae1da2deced843240f7b502ba659",
                Hex.encode(Bip340.publicKey(sk)));
        byte[] sig = Bip340.DRAFT_2020.sign(sk, msg, aux);
        assertEquals("0e12b8c520948a776753a96f21abd7fdc2d7d0c0ddc90851be17b04e75ef86a4"
                + "7ef0da46c4dc4d0d1bcb8668c2ce16c54c7c23a6716ede303af86774917cf928", Hex.encode(sig));
        assertTrue(Bip340.DRAFT_2020.verify(Bip340.publicKey(sk), msg, sig));
    }
}
