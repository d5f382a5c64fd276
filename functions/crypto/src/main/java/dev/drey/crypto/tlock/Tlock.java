package dev.drey.crypto.tlock;

import dev.drey.crypto.Hex;
import dev.drey.crypto.bls.Beacon;
import dev.drey.crypto.bls.BeaconScheme;
import dev.drey.crypto.bls.BeaconVerifier;
import dev.drey.crypto.bls.ChainInfo;
import dev.drey.crypto.bls.G1Point;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Time-lock encryption to a beacon chain of scheme {@value BeaconScheme#ID}, as tlock (Go) and tlock-js write it:
 * an age v1 file whose one {@code -> tlock <round> <chain hash>} stanza wraps the 16-byte file key with
 * {@link TlockIbe} under the identity of that round (the point the chain signs for it). Anyone opens it once the
 * chain has signed the round.
 *
 * <p>Deterministic: randomness and the clock come from the caller. Decryption refuses a file for another chain (by
 * drand's chain hash, recomputed from the chain info), a beacon for another round, a beacon that does not verify
 * under the chain's key, and reports a round not yet due with the time it will be.
 */
public final class Tlock {
    public static final String STANZA_TYPE = "tlock";
    private static final int FILE_KEY = AgeFile.FILE_KEY_LENGTH;

    private Tlock() {
    }

    /** An age v1 file (binary; see {@link AgeArmor}) that opens with the beacon of {@code round}. */
    public static byte[] encrypt(ChainInfo chain, long round, byte[] plaintext, RandomGenerator random) {
        if (round < 1) {
            throw new TlockException("tlock: rounds start at 1");
        }
        byte[] fileKey = randomBytes(random, FILE_KEY);
        byte[] sigma = randomBytes(random, FILE_KEY);
        byte[] nonce = randomBytes(random, 16);
        TlockIbe.Ciphertext c = TlockIbe.encrypt(chain.publicKey(), BeaconScheme.roundPoint(round), fileKey, sigma);
        Stanza stanza = new Stanza(STANZA_TYPE, List.of(Long.toString(round), Hex.encode(chain.hash())), c.bytes());
        return AgeFile.encrypt(fileKey, List.of(stanza), plaintext, nonce);
    }

    /** The round a tlock file needs, once it is known to be for this chain; what to ask for before a beacon. */
    public static long requiredRound(ChainInfo chain, byte[] ageFile) {
        return tlockStanza(chain, AgeFile.parse(ageFile)).round();
    }

    /**
     * Opens a tlock file with the beacon of its round (null: none at hand). {@code nowSeconds} (Unix time) only
     * shapes the error for a missing beacon: a round not yet due is reported with the time it will be.
     */
    public static byte[] decrypt(ChainInfo chain, Beacon beacon, byte[] ageFile, long nowSeconds) {
        AgeFile file = AgeFile.parse(ageFile);
        TlockStanza stanza = tlockStanza(chain, file);
        long round = stanza.round();
        if (beacon == null || beacon.round() != round) {
            long due = roundTime(chain, round);
            String when = Instant.ofEpochSecond(due).toString();
            String have = beacon == null ? "no beacon was given" : "the beacon given is for round " + beacon.round();
            throw new TlockException(due > nowSeconds
                    ? "tlock: too early: the file opens at round " + round + ", due at " + when + " (" + have + ")"
                    : "tlock: the file needs the beacon of round " + round + " (due at " + when + "); " + have);
        }
        BeaconVerifier.Verdict verdict = new BeaconVerifier(chain).verify(beacon);
        if (!verdict.valid()) {
            throw new TlockException("tlock: the beacon of round " + round + " is refused: " + verdict.reason());
        }
        byte[] fileKey = TlockIbe.decrypt(G1Point.fromBytes(beacon.signature()), stanza.ciphertext());
        if (fileKey.length != FILE_KEY) {
            throw new TlockException("tlock: the stanza wraps a " + fileKey.length + "-byte key; age file keys are "
                    + FILE_KEY + " bytes");
        }
        return file.decrypt(fileKey);
    }

    private record TlockStanza(long round, TlockIbe.Ciphertext ciphertext) {
    }

    private static TlockStanza tlockStanza(ChainInfo chain, AgeFile file) {
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
        String ours = Hex.encode(chain.hash());
        if (!hash.equals(ours)) {
            throw new TlockException("tlock: the file is for chain " + hash + ", not " + ours);
        }
        return new TlockStanza(round, TlockIbe.Ciphertext.parse(s.body()));
    }

    private static long roundTime(ChainInfo chain, long round) {
        try {
            return Math.addExact(chain.genesisTime(), Math.multiplyExact(round - 1, chain.period()));
        } catch (ArithmeticException e) {
            throw new TlockException("tlock: round " + round + " lies beyond the end of time");
        }
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

    private static byte[] randomBytes(RandomGenerator random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
