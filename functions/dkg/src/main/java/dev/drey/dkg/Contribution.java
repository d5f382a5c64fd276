package dev.drey.dkg;

/**
 * One dealer's contribution to a run, derived from a 32-byte seed exactly as a participant derives its own (the
 * run's key scheme, proofs bound to the run): its round-1 message and its shares. Public so that simulations of
 * a misbehaving dealer ({@link dev.drey.dkg.simulation.EquivocatingDealer}) produce well-formed contributions
 * without a second copy of the DKG mathematics.
 */
public final class Contribution {
    private final KeyScheme scheme;
    private final KeyScheme.Seed seed;

    private Contribution(KeyScheme scheme, KeyScheme.Seed seed) {
        this.scheme = scheme;
        this.seed = seed;
    }

    /** Dealer {@code dealer}'s contribution to {@code start}'s run from {@code seed} (32 bytes, secret). */
    public static Contribution of(StartRequest start, int dealer, byte[] seed) {
        if (start.roster().byId(dealer).isEmpty()) {
            throw new DkgMessageException("dealer " + dealer + " is not in the run's roster");
        }
        if (seed == null || seed.length != 32) {
            throw new DkgMessageException("a contribution's seed is 32 bytes");
        }
        return new Contribution(KeyScheme.of(start),
                new KeyScheme.Seed(start.runId(), dealer, start.roster().size(), start.threshold(), seed.clone()));
    }

    /** The round-1 broadcast: commitments and the proof of knowledge. */
    public Round1Message round1() {
        return scheme.round1(seed);
    }

    /** The encoded share f(j) for member {@code j} (secret: goes NIP-44 encrypted to j alone). */
    public byte[] shareFor(int j) {
        return scheme.shareFor(seed, j);
    }
}
