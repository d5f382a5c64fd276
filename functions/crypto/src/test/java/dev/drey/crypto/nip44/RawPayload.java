package dev.drey.crypto.nip44;

import dev.drey.crypto.Bytes;
import dev.drey.crypto.Hashes;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.engines.ChaCha7539Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Test-side view of the NIP-44 envelope: seals arbitrary padded bytes (so tests can build
 * payloads no honest encoder would write, with a valid MAC) and opens a payload without any
 * validation (so tests can inspect the length prefix an encoder wrote).
 */
final class RawPayload {
    private RawPayload() {
    }

    static String seal(byte[] padded, byte[] conversationKey, byte[] nonce) {
        MessageKeys keys = MessageKeys.derive(conversationKey, nonce);
        byte[] ct = keystreamXor(keys, padded);
        byte[] mac = Hashes.hmacSha256(keys.hmacKey(), nonce, ct);
        return Base64.getEncoder().encodeToString(Bytes.concat(new byte[] {2}, nonce, ct, mac));
    }

    /** The decrypted padded bytes (length prefix, plaintext, zeros), unchecked. */
    static byte[] openPadded(String payload, byte[] conversationKey) {
        byte[] data = Base64.getDecoder().decode(payload);
        byte[] nonce = Arrays.copyOfRange(data, 1, 33);
        byte[] ct = Arrays.copyOfRange(data, 33, data.length - 32);
        return keystreamXor(MessageKeys.derive(conversationKey, nonce), ct);
    }

    private static byte[] keystreamXor(MessageKeys keys, byte[] in) {
        ChaCha7539Engine engine = new ChaCha7539Engine();
        engine.init(true, new ParametersWithIV(new KeyParameter(keys.chachaKey()), keys.chachaNonce()));
        byte[] out = new byte[in.length];
        engine.processBytes(in, 0, in.length, out, 0);
        return out;
    }
}
