package dev.drey.bench;

import dev.drey.crypto.bls.Beacon;
import dev.drey.crypto.bls.BeaconScheme;
import dev.drey.crypto.bls.BeaconVerifier;
import dev.drey.crypto.bls.BlsDealer;
import dev.drey.crypto.bls.ChainInfo;
import dev.drey.crypto.bls.G1Point;
import dev.drey.crypto.bls.HashToCurve;
import dev.drey.crypto.bls.PartialSignature;
import dev.drey.crypto.bls.ThresholdBls;
import dev.drey.crypto.bls.ThresholdMessage;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.milagro.amcl.BLS381.ECP;
import org.apache.milagro.amcl.BLS381.ECP2;
import org.apache.milagro.amcl.BLS381.FP12;
import org.apache.milagro.amcl.BLS381.PAIR;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Threshold BLS on BLS12-381 (the beacon and the VRF), side by side with AMCL where it has the operation:
 * RFC 9380 hash_to_G1 against AMCL's {@code ECP.mapit} (its own try-and-increment map, not RFC 9380), the
 * beacon check (pairing with the key's lines precomputed) against AMCL's {@code ate2 + fexp} on the same
 * points, a partial signature with its DLEQ proof, its check, aggregation of t of n with the pairing check, and
 * one node's work per round (check every partial, then aggregate).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BlsBench {
    private final SecureRandom rng = new SecureRandom();
    private BlsDealer.Dealt dealt;
    private ChainInfo chain;
    private BeaconVerifier verifier;
    private ThresholdMessage message;
    private G1Point h;
    private PartialSignature partial;
    private Beacon beacon;
    private byte[] roundMessage;
    private byte[] amclHash;
    private ECP2 minusG2;
    private ECP2 pk;
    private ECP sig;
    private ECP hm;

    @Setup
    public void setUp() {
        dealt = BlsDealer.deal(3, 5, rng);
        chain = new ChainInfo(dealt.groupKey().publicKey(), 3, 1_764_000_000L, new byte[32], BeaconScheme.ID, "bench");
        verifier = new BeaconVerifier(chain);
        message = ThresholdMessage.beaconRound(chain.hash(), 1000);
        h = message.point();
        partial = ThresholdBls.sign(dealt.shares().get(0), message, rng);
        List<PartialSignature> ps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ps.add(ThresholdBls.sign(dealt.shares().get(i), message, rng));
        }
        G1Point s = ThresholdBls.aggregate(dealt.groupKey(), message, ps).signature();
        beacon = Beacon.of(1000, s);
        if (!verifier.verify(beacon).valid()) {
            throw new IllegalStateException("the benchmark's beacon does not verify");
        }
        roundMessage = BeaconScheme.roundMessage(1000);
        amclHash = new byte[48];
        System.arraycopy(roundMessage, 0, amclHash, 16, 32);
        minusG2 = ECP2.generator();
        minusG2.neg();
        pk = dealt.groupKey().publicKey().toAmcl();
        sig = s.toAmcl();
        hm = h.toAmcl();
        if (!amclPairingCheck()) {
            throw new IllegalStateException("AMCL does not accept the benchmark's beacon");
        }
    }

    /** RFC 9380 hash_to_G1 of a round message under the beacon DST. */
    @Benchmark
    public G1Point hashToG1() {
        return HashToCurve.hashToG1(roundMessage, "BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_");
    }

    /** AMCL's map of a 48-byte hash to G1 (try-and-increment and cofactor multiplication; not RFC 9380). */
    @Benchmark
    public ECP amclMapit() {
        return ECP.mapit(amclHash);
    }

    /** One miner's partial: σ_i = s_i·H(m) (H(m) included) and its DLEQ proof. */
    @Benchmark
    public PartialSignature partialSign() {
        return ThresholdBls.sign(dealt.shares().get(0), message, rng);
    }

    /** A partial's DLEQ check against the sender's verification share (no pairing; H(m) computed once per round). */
    @Benchmark
    public boolean partialVerify() {
        return ThresholdBls.verifyPartial(dealt.groupKey(), message, h, partial);
    }

    /** A beacon checked by a client: decode, hash the round, one pairing-product check, SHA-256. */
    @Benchmark
    public boolean beaconVerify() {
        return verifier.verify(beacon).valid();
    }

    /** AMCL's pairing check of the same beacon on the same (decoded) points: ate2 + fexp. */
    @Benchmark
    public boolean amclPairingCheck() {
        FP12 e = PAIR.fexp(PAIR.ate2(minusG2, sig, pk, hm));
        return e.isunity();
    }

    /** Aggregation of t partials of n (Lagrange with one batch inversion, Pippenger MSM, one pairing check). */
    @State(Scope.Benchmark)
    public static class Aggregation {
        @Param({"51:100", "667:1000"})
        public String tOfN;
        BlsDealer.Dealt dealt;
        ThresholdMessage message;
        List<PartialSignature> partials;

        @Setup(Level.Trial)
        public void setUp() {
            String[] p = tOfN.split(":");
            int t = Integer.parseInt(p[0]);
            int n = Integer.parseInt(p[1]);
            SecureRandom rng = new SecureRandom();
            dealt = BlsDealer.deal(t, n, rng);
            message = ThresholdMessage.vrf("bench".getBytes(StandardCharsets.US_ASCII));
            G1Point h = message.point();
            partials = new ArrayList<>();
            for (int i = n - t; i < n; i++) { // the last t miners: indices far from 1..t
                partials.add(ThresholdBls.sign(dealt.shares().get(i), message, h, rng));
            }
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public ThresholdBls.Aggregate aggregateAndVerify(Aggregation a) {
        return ThresholdBls.aggregate(a.dealt.groupKey(), a.message, a.partials);
    }

    /**
     * One node's work per round at n nodes with t = n/2 + 1 (the GLOW-DVRF setting): hash the round, check
     * every one of the n partials' proofs, aggregate t of them and check the result.
     */
    @State(Scope.Benchmark)
    public static class Round {
        @Param({"50", "200"})
        public int n;
        BlsDealer.Dealt dealt;
        ThresholdMessage message;
        List<PartialSignature> partials;

        @Setup(Level.Trial)
        public void setUp() {
            SecureRandom rng = new SecureRandom();
            dealt = BlsDealer.deal(n / 2 + 1, n, rng);
            message = ThresholdMessage.vrf("bench".getBytes(StandardCharsets.US_ASCII));
            G1Point h = message.point();
            partials = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                partials.add(ThresholdBls.sign(dealt.shares().get(i), message, h, rng));
            }
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public ThresholdBls.Aggregate perNodeRound(Round r) {
        G1Point h = r.message.point();
        for (PartialSignature p : r.partials) {
            if (!ThresholdBls.verifyPartial(r.dealt.groupKey(), r.message, h, p)) {
                throw new IllegalStateException("partial " + p.index() + " does not verify");
            }
        }
        return ThresholdBls.aggregate(r.dealt.groupKey(), r.message, r.partials);
    }
}
