package dev.drey.dkg;

import java.util.Map;
import java.util.Optional;

/**
 * The DKG mathematics of one key type, over the wire forms of {@link Round1Message} and the share bytes
 * carried (encrypted) by {@link Round2Message}. Everything a participant generates is re-derived from its
 * run seed, so implementations keep no state.
 */
interface KeyScheme {
    /** This participant's round-1 broadcast. */
    Round1Message round1(Seed seed);

    /** f_me(j), encoded. */
    byte[] shareFor(Seed seed, int j);

    /** Whether a round-1 contribution is well formed (and, where checkable alone, its proof right). */
    Optional<Accusation> checkRound1(Round1Message m);

    /** Whether {@code share} sent by {@code m.from()} to {@code recipient} is consistent with {@code m}. */
    Optional<Accusation> checkShare(Round1Message m, int recipient, byte[] share);

    /**
     * The final key from every other participant's round-1 message and share (all already checked).
     *
     * @throws DkgMessageException if they do not combine (a caller error: checks come first)
     */
    DkgResult finalize(Seed seed, Map<Integer, Round1Message> others, Map<Integer, byte[]> shares);

    /** The run's private randomness and the public facts its polynomial depends on. */
    record Seed(String runId, int me, int participants, int threshold, byte[] bytes) {
        java.security.SecureRandom random() {
            return new SeededRandom(bytes, "drey/dkg/polynomial/v1|" + runId + "|" + me);
        }

        @Override
        public String toString() {
            return "Seed[run=" + runId + ", me=" + me + ", <secret>]";
        }
    }

    static KeyScheme of(StartRequest start) {
        byte[] context = RunBinding.proofContext(start);
        return switch (start.keyType()) {
            case DTA -> new DtaScheme(start.pairingCurve(), start.threshold(), context);
            case BEACON_BLS12381 -> new BeaconScheme(start.threshold(), context);
            case FROST_BIP340, ELECTION_SECP256K1 ->
                    new FrostScheme(start.keyType(), start.threshold(), start.roster().size(), context);
        };
    }
}
