package dev.drey.crypto.election;

import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Point;
import java.util.Arrays;

/** One option's partial decryption M_i = s_i·A with its Chaum–Pedersen proof. Wire form: M_i || c || z, 97 bytes. */
public record DecryptionShare(Point share, ChaumPedersenProof proof) {
    public static final int ENCODED_LENGTH = 33 + ChaumPedersenProof.ENCODED_LENGTH;

    public DecryptionShare {
        if (share == null || proof == null) {
            throw new ElectionException("decryption share: share or proof missing");
        }
    }

    public byte[] encode() {
        byte[] out = new byte[ENCODED_LENGTH];
        System.arraycopy(share.encodeCompressed(), 0, out, 0, 33);
        System.arraycopy(proof.encode(), 0, out, 33, ChaumPedersenProof.ENCODED_LENGTH);
        return out;
    }

    public static DecryptionShare decode(byte[] b) {
        if (b == null || b.length != ENCODED_LENGTH) {
            throw new ElectionException("decryption share: expected " + ENCODED_LENGTH + " bytes");
        }
        try {
            return new DecryptionShare(Point.decodeCompressed(Arrays.copyOfRange(b, 0, 33)),
                    ChaumPedersenProof.decode(Arrays.copyOfRange(b, 33, ENCODED_LENGTH)));
        } catch (CryptoException e) {
            throw new ElectionException("decryption share: " + e.getMessage());
        }
    }
}
