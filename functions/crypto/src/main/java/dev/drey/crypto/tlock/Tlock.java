package dev.drey.crypto.tlock;

import dev.drey.crypto.Bytes;
import dev.drey.crypto.Hex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.apache.milagro.amcl.BLS381.ECP;
import org.apache.milagro.amcl.BLS381.ECP2;
import org.apache.milagro.amcl.BLS381.FP12;
import org.apache.milagro.amcl.BLS381.PAIR;

/**
 * Time-lock encryption to a drand-style beacon chain of scheme {@code bls-unchained-g1-rfc9380}, as tlock (Go) and
 * tlock-js write it: an age v1 file whose one {@code -> tlock <round> <chain hash>} stanza wraps the 16-byte file
 * key with {@link TlockIbe} under the identity of that round. Anyone opens it once the chain has signed the round.
 *
 * <p>Deterministic: randomness and the clock come from the caller. Decryption refuses a file for another chain, a
 * beacon for another round, a round that cannot have been signed yet at {@code now}, and a beacon that does not
 * verify under the chain's public key, each with its own message.
 */
public final class Tlock {
    public static final String STANZA_TYPE = "tlock";
    public static final String SCHEME = "bls-unchained-g1-rfc9380";
    /** The scheme's hash-to-G1 domain separation tag (the beacon's, reused for identities). */
    public static final String DST = "BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_";
    private static final int FILE_KEY = AgeFile.FILE_KEY_LENGTH;

    /** RFC 9380 hash_to_curve to G1 with {@link #DST}, as a 48-byte compressed point. */
    @FunctionalInterface
    public interface HashToG1 {
        byte[] hash(byte[] message);
    }

    /** What tlock needs of a chain: its G2 public key (96 bytes compressed), chain hash, genesis and period. */
    public record Chain(byte[] publicKey, byte[] chainHash, long genesisTime, long period) {
        public Chain {
            TlockPoints.decodeG2(publicKey, "chain public key");
            if (chainHash.length != 32) {
                throw new TlockException("chain hash must be 32 bytes");
            }
            if (period <= 0 || genesisTime < 0) {
                throw new TlockException("chain period must be positive and genesis time not negative");
            }
            publicKey = publicKey.clone();
            chainHash = chainHash.clone();
        }

        /** When round r (≥ 1) is due: genesis + (r − 1)·period, in Unix seconds. */
        public long roundTime(long round) {
            checkRound(round);
            try {
                return Math.addExact(genesisTime, Math.multiplyExact(round - 1, period));
            } catch (ArithmeticException e) {
                throw new TlockException("tlock: round " + round + " lies beyond the end of time");
            }
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        @Override
        public byte[] chainHash() {
            return chainHash.clone();
        }
    }

    /** A round's beacon signature (48 bytes compressed G1). */
    public record RoundSignature(long round, byte[] signature) {
        public RoundSignature {
            signature = signature.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }
    }

    private final HashToG1 hashToG1;

    public Tlock(HashToG1 hashToG1) {
        this.hashToG1 = hashToG1;
    }

    /** tlock for {@value #SCHEME} chains, with this package's RFC 9380 hash to G1 under {@link #DST}. */
    public static Tlock forUnchainedG1() {
        return new Tlock(new TlockHashToG1(DST));
    }

    /** The message a round's beacon signs, and the round's tlock identity: SHA-256(round as u64 big-endian). */
    public static byte[] roundMessage(long round) {
        checkRound(round);
        byte[] be = new byte[8];
        for (int i = 0; i < 8; i++) {
            be[7 - i] = (byte) (round >>> (8 * i));
        }
        return Bytes.sha256(be);
    }

    /** An age v1 file (binary; see {@link AgeArmor}) that opens with the beacon of {@code round}. */
    public byte[] encrypt(Chain chain, long round, byte[] plaintext, RandomGenerator random) {
        checkRound(round);
        byte[] fileKey = randomBytes(random, FILE_KEY);
        byte[] sigma = randomBytes(random, FILE_KEY);
        byte[] nonce = randomBytes(random, 16);
        ECP identity = identity(round);
        TlockIbe.Ciphertext c = TlockIbe.encrypt(TlockPoints.decodeG2(chain.publicKey(), "chain public key"),
                identity, fileKey, sigma);
        Stanza stanza = new Stanza(STANZA_TYPE, List.of(Long.toString(round), Hex.encode(chain.chainHash())),
                c.bytes());
        return AgeFile.encrypt(fileKey, List.of(stanza), plaintext, nonce);
    }

    /** The round a tlock file needs, and that it is for this chain; what a caller asks before fetching a beacon. */
    public static long requiredRound(Chain chain, byte[] ageFile) {
        return tlockStanza(chain, AgeFile.parse(ageFile)).round();
    }

    /**
     * Opens a tlock file with the beacon of its round. {@code nowSeconds} (Unix time) only shapes the error for a
     * missing beacon: a round not yet due is reported with the time it will be.
     */
    public byte[] decrypt(Chain chain, RoundSignature beacon, byte[] ageFile, long nowSeconds) {
        AgeFile file = AgeFile.parse(ageFile);
        TlockStanza stanza = tlockStanza(chain, file);
        long round = stanza.round();
        if (beacon == null || beacon.round() != round) {
            String when = Instant.ofEpochSecond(chain.roundTime(round)).toString();
            String have = beacon == null ? "no beacon was given" : "the beacon given is for round " + beacon.round();
            throw new TlockException(chain.roundTime(round) > nowSeconds
                    ? "tlock: too early: the file opens at round " + round + ", due at " + when + " (" + have + ")"
                    : "tlock: the file needs the beacon of round " + round + " (due at " + when + "); " + have);
        }
        ECP signature = TlockPoints.decodeG1(beacon.signature(), "beacon signature");
        if (!verifies(chain, round, signature)) {
            throw new TlockException("tlock: the beacon of round " + round + " does not verify under the chain's "
                    + "public key");
        }
        byte[] fileKey = TlockIbe.decrypt(signature, stanza.ciphertext());
        if (fileKey.length != FILE_KEY) {
            throw new TlockException("tlock: the stanza wraps a " + fileKey.length + "-byte key; age file keys are "
                    + FILE_KEY + " bytes");
        }
        return file.decrypt(fileKey);
    }

    /** e(σ, G2) = e(H(m), PK): the beacon of this round under the chain's key. */
    public boolean verifies(Chain chain, long round, byte[] signature) {
        return verifies(chain, round, TlockPoints.decodeG1(signature, "beacon signature"));
    }

    private boolean verifies(Chain chain, long round, ECP signature) {
        ECP h = identity(round);
        h.neg();
        FP12 product = PAIR.fexp(PAIR.ate2(ECP2.generator(), signature,
                TlockPoints.decodeG2(chain.publicKey(), "chain public key"), h));
        return product.isunity();
    }

    private ECP identity(long round) {
        byte[] point = hashToG1.hash(roundMessage(round));
        return TlockPoints.decodeG1(point, "hash to G1 of the round");
    }

    private record TlockStanza(long round, TlockIbe.Ciphertext ciphertext) {
    }

    private static TlockStanza tlockStanza(Chain chain, AgeFile file) {
        List<Stanza> tlock = new ArrayList<>();
        for (Stanza s : file.stanzas()) {
            if (STANZA_TYPE.equals(s.type())) {
                tlock.add(s);
            }
        }
        if (tlock.size() != 1) {
            throw new TlockException("tlock: the file must have exactly one tlock stanza, it has " + tlock.size());
        }
        Stanza s = tlock.get(0);
        if (s.args().size() != 2) {
            throw new TlockException("tlock: the stanza must carry a round and a chain hash");
        }
        long round = parseRound(s.args().get(0));
        String hash = s.args().get(1);
        if (!Hex.isLowerHex(hash, 32)) {
            throw new TlockException("tlock: the stanza's chain hash is not 64 lowercase hex digits");
        }
        if (!hash.equals(Hex.encode(chain.chainHash()))) {
            throw new TlockException("tlock: the file is for chain " + hash + ", not " + Hex.encode(chain.chainHash()));
        }
        return new TlockStanza(round, TlockIbe.Ciphertext.parse(s.body()));
    }

    private static long parseRound(String s) {
        if (!s.matches("[1-9][0-9]{0,18}")) {
            throw new TlockException("tlock: the stanza's round is not a positive decimal number");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new TlockException("tlock: the stanza's round is out of range");
        }
    }

    private static void checkRound(long round) {
        if (round < 1) {
            throw new TlockException("tlock: rounds start at 1");
        }
    }

    private static byte[] randomBytes(RandomGenerator random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
