package dev.drey.signer;

import dev.drey.crypto.Hashes;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.SigningCommitments;
import dev.drey.crypto.frost.SigningNonces;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.Versioned;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A signer's one outstanding nonce pair per (request, coordinator), kept in the KV store encrypted with
 * AES-256-GCM under a key derived from the signer's FROST signing share; the additional data binds the
 * ciphertext to the request, the coordinator, the signer, the message and the public commitments, so an
 * entry moved to another key or edited does not decrypt. {@link #consume} takes the entry atomically: a
 * nonce is handed out at most once, across threads, processes, crashes and replays.
 *
 * <p>Entry: magic {@code DNV1}, generation (the session after which it was made, 0 for the first),
 * created_at of the event that announced it, message (32), commitments (66), IV (12), ciphertext of
 * d || e (64 + 16 tag).
 */
public final class NonceVault {
    private static final int MAGIC = 0x444e5631; // "DNV1"
    private static final int ENTRY_LENGTH = 4 + 4 + 8 + 32 + 66 + 12 + 64 + 16;
    private static final byte[] KEY_LABEL = "drey/signer/nonce-encryption/v1".getBytes(StandardCharsets.US_ASCII);

    private final KeyValueStore kv;
    private final Identifier signer;
    private final SecretKeySpec aesKey;
    private final SecureRandom rng;
    private final Duration ttl;

    /** A stored nonce's public part; the secret stays in the store until {@link #consume}. */
    public record Entry(int generation, long createdAt, byte[] message, SigningCommitments commitments) {
    }

    public NonceVault(KeyValueStore kv, SignerIdentity identity, SecureRandom rng, Duration ttl) {
        this.kv = kv;
        this.signer = identity.key().identifier();
        // HMAC as a PRF keyed by the share: a key no one without the share can compute.
        this.aesKey = new SecretKeySpec(Hashes.hmacSha256(identity.key().signingShare().encode(), KEY_LABEL), "AES");
        this.rng = rng;
        this.ttl = ttl;
    }

    public String key(String requestId, String coordinator) {
        return "roast/nonce/" + requestId + "/" + coordinator + "/" + Hex.encode(signer.encode());
    }

    /** Stores {@code nonces} if no nonce is outstanding for (request, coordinator); true if stored. */
    public boolean putIfAbsent(String requestId, String coordinator, int generation, long createdAt, byte[] message,
            SigningNonces nonces) {
        return kv.putIfAbsent(key(requestId, coordinator),
                seal(requestId, coordinator, generation, createdAt, message, nonces), ttl);
    }

    /** The outstanding nonce's public part, if any (the secret is not decrypted). */
    public Optional<Entry> peek(String requestId, String coordinator) {
        return kv.get(key(requestId, coordinator)).map(v -> header(v.value()));
    }

    /**
     * Removes and decrypts the outstanding nonce, if any; at most one caller ever receives it.
     *
     * @throws NonceException if the stored entry does not decrypt (tampered, or stored under another key)
     */
    public Optional<Opened> consume(String requestId, String coordinator) {
        Optional<Versioned> v = kv.consume(key(requestId, coordinator));
        if (v.isEmpty()) {
            return Optional.empty();
        }
        byte[] b = v.get().value();
        Entry entry = header(b);
        byte[] plain = crypt(Cipher.DECRYPT_MODE, Arrays.copyOfRange(b, 114, 126), aad(requestId, coordinator, entry),
                Arrays.copyOfRange(b, 126, b.length));
        try {
            Scalar d = Scalar.decode(Arrays.copyOfRange(plain, 0, 32));
            Scalar e = Scalar.decode(Arrays.copyOfRange(plain, 32, 64));
            return Optional.of(new Opened(entry, new SigningNonces(d, e, entry.commitments())));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** A consumed nonce: its public part and the secret nonces (use once, then drop). */
    public record Opened(Entry entry, SigningNonces nonces) {
        @Override
        public String toString() {
            return "Opened[generation=" + entry.generation() + "]";
        }
    }

    /** Drops the outstanding nonce, if any (the run ended). */
    public void discard(String requestId, String coordinator) {
        kv.delete(key(requestId, coordinator));
    }

    private byte[] seal(String requestId, String coordinator, int generation, long createdAt, byte[] message,
            SigningNonces nonces) {
        Entry entry = new Entry(generation, createdAt, message.clone(), nonces.commitments());
        byte[] iv = new byte[12];
        rng.nextBytes(iv);
        byte[] plain = new byte[64];
        System.arraycopy(nonces.hiding().encode(), 0, plain, 0, 32);
        System.arraycopy(nonces.binding().encode(), 0, plain, 32, 32);
        byte[] sealed;
        try {
            sealed = crypt(Cipher.ENCRYPT_MODE, iv, aad(requestId, coordinator, entry), plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        return ByteBuffer.allocate(ENTRY_LENGTH).putInt(MAGIC).putInt(generation).putLong(createdAt).put(message)
                .put(nonces.commitments().encode()).put(iv).put(sealed).array();
    }

    private Entry header(byte[] b) {
        if (b.length != ENTRY_LENGTH) {
            throw new NonceException("stored nonce has " + b.length + " bytes, expected " + ENTRY_LENGTH);
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        if (buf.getInt() != MAGIC) {
            throw new NonceException("stored nonce has an unknown format");
        }
        int generation = buf.getInt();
        long createdAt = buf.getLong();
        byte[] message = new byte[32];
        buf.get(message);
        byte[] commitments = new byte[66];
        buf.get(commitments);
        try {
            return new Entry(generation, createdAt, message, SigningCommitments.decode(signer, commitments));
        } catch (RuntimeException e) {
            throw new NonceException("stored nonce has invalid commitments");
        }
    }

    private byte[] aad(String requestId, String coordinator, Entry e) {
        return ("drey/signer/nonce/v1|" + requestId + "|" + coordinator + "|" + Hex.encode(signer.encode()) + "|"
                + e.generation() + "|" + Hex.encode(e.message()) + "|" + Hex.encode(e.commitments().encode()))
                .getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] crypt(int mode, byte[] iv, byte[] aad, byte[] input) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, aesKey, new GCMParameterSpec(128, iv));
            c.updateAAD(aad);
            return c.doFinal(input);
        } catch (GeneralSecurityException e) {
            // Never the key or the plaintext in the message.
            throw new NonceException("stored nonce does not decrypt: it was altered or belongs elsewhere");
        }
    }
}
