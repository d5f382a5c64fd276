package dev.drey.secrets;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * A key file sealed with a passphrase: the key is scrypt(passphrase, salt) and the bundle is encrypted
 * with AES-256-GCM, the header being the associated data so no field can be altered unnoticed.
 * <pre>
 * "DREY" 'P' version=1 kdf=1(scrypt) logN r p salt[16] nonce[12] ciphertext-and-tag
 * </pre>
 * A wrong passphrase and a tampered file both fail the tag check; the error says so, and nothing else.
 */
public final class PassphraseKeyFile {
    static final byte[] MAGIC = {'D', 'R', 'E', 'Y', 'P'};
    static final int VERSION = 1;
    static final int KDF_SCRYPT = 1;
    static final int SALT_BYTES = 16;
    static final int HEADER_BYTES = MAGIC.length + 1 + 1 + 3 + SALT_BYTES + Aead.NONCE_BYTES;

    private PassphraseKeyFile() {
    }

    public static byte[] seal(SecretBundle bundle, char[] passphrase, ScryptParams params, SecureRandom rng) {
        checkPassphrase(passphrase);
        byte[] salt = new byte[SALT_BYTES];
        rng.nextBytes(salt);
        byte[] nonce = Aead.nonce(rng);
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        header.put(MAGIC).put((byte) VERSION).put((byte) KDF_SCRYPT)
                .put((byte) params.logN()).put((byte) params.r()).put((byte) params.p()).put(salt).put(nonce);
        byte[] key = derive(passphrase, salt, params);
        byte[] plain = bundle.encode();
        try {
            byte[] sealed = Aead.seal(key, nonce, header.array(), plain);
            return ByteBuffer.allocate(HEADER_BYTES + sealed.length).put(header.array()).put(sealed).array();
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(plain, (byte) 0);
        }
    }

    public static SecretBundle open(byte[] file, char[] passphrase) {
        checkPassphrase(passphrase);
        Header h = header(file);
        byte[] key = derive(passphrase, h.salt(), h.params());
        try {
            byte[] plain = Aead.open(key, h.nonce(), Arrays.copyOf(file, HEADER_BYTES),
                    Arrays.copyOfRange(file, HEADER_BYTES, file.length));
            if (plain == null) {
                throw new SecretStoreException("wrong passphrase, or the key file was altered (authentication failed)");
            }
            return SecretBundle.decode(plain);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The scrypt cost a file was sealed with (read from its header, not yet authenticated), so rewriting
     * a file can keep it.
     */
    public static ScryptParams params(byte[] file) {
        return header(file).params();
    }

    private record Header(ScryptParams params, byte[] salt, byte[] nonce) {
    }

    private static Header header(byte[] file) {
        if (file.length < HEADER_BYTES + Aead.TAG_BITS / 8 || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new SecretStoreException("not a Drey passphrase key file (no DREYP header)");
        }
        ByteBuffer b = ByteBuffer.wrap(file, MAGIC.length, file.length - MAGIC.length);
        int version = b.get() & 0xff;
        if (version != VERSION) {
            throw new SecretStoreException("passphrase key file version " + version + " is not supported (only " + VERSION + ")");
        }
        int kdf = b.get() & 0xff;
        if (kdf != KDF_SCRYPT) {
            throw new SecretStoreException("passphrase key file names an unknown key derivation (" + kdf + ")");
        }
        ScryptParams params = new ScryptParams(b.get() & 0xff, b.get() & 0xff, b.get() & 0xff);
        byte[] salt = new byte[SALT_BYTES];
        b.get(salt);
        byte[] nonce = new byte[Aead.NONCE_BYTES];
        b.get(nonce);
        return new Header(params, salt, nonce);
    }

    private static byte[] derive(char[] passphrase, byte[] salt, ScryptParams params) {
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
        byte[] pass = new byte[utf8.remaining()];
        utf8.get(pass);
        Arrays.fill(utf8.array(), (byte) 0);
        try {
            return SCrypt.generate(pass, salt, 1 << params.logN(), params.r(), params.p(), Aead.KEY_BYTES);
        } finally {
            Arrays.fill(pass, (byte) 0);
        }
    }

    private static void checkPassphrase(char[] passphrase) {
        if (passphrase == null || passphrase.length == 0) {
            throw new SecretStoreException("no passphrase given for the key file");
        }
    }
}
