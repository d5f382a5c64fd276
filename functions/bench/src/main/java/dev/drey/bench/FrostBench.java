package dev.drey.bench;

import dev.drey.crypto.frost.Aggregate;
import dev.drey.crypto.frost.Ciphersuite;
import dev.drey.crypto.frost.Dealer;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.KeyPackage;
import dev.drey.crypto.frost.PublicKeyPackage;
import dev.drey.crypto.frost.Round1;
import dev.drey.crypto.frost.Round2;
import dev.drey.crypto.frost.SignatureShare;
import dev.drey.crypto.frost.SigningCommitments;
import dev.drey.crypto.frost.SigningNonces;
import dev.drey.crypto.frost.SigningPackage;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * FROST (BIP-340 variant) per-operation cost, comparable with frost-core's benches: dealer keygen
 * for n, round 1 for one signer, round 2 for one signer of t (binding factors, group commitment,
 * challenge, Lagrange coefficient, share), aggregation of t shares (including the final
 * verification). Sizes as "t-n"; 667-1000 runs for round 2 and aggregate (keygen too, it is cheap).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrostBench {
    @Param({"2-3", "7-10", "67-100", "667-1000"})
    public String size;

    private int t;
    private int n;
    private SecureRandom rng;
    private Map<Identifier, KeyPackage> keys;
    private PublicKeyPackage pub;
    private SigningPackage pkg;
    private Map<Identifier, SigningNonces> nonces;
    private List<SignatureShare> shares;
    private KeyPackage firstSigner;

    @Setup(Level.Trial)
    public void setUp() {
        String[] tn = size.split("-");
        t = Integer.parseInt(tn[0]);
        n = Integer.parseInt(tn[1]);
        rng = new SecureRandom();
        Dealer.Output dealt = Dealer.generate(t, n, rng);
        keys = dealt.keyPackages();
        pub = dealt.publicKeyPackage();
        nonces = new java.util.TreeMap<>();
        List<SigningCommitments> commitments = new ArrayList<>();
        for (int i = 1; i <= t; i++) {
            KeyPackage k = keys.get(Identifier.of(i));
            SigningNonces nn = Round1.commit(Ciphersuite.BIP340, k, rng);
            nonces.put(k.identifier(), nn);
            commitments.add(nn.commitments());
        }
        pkg = SigningPackage.of(commitments, new byte[32]);
        shares = new ArrayList<>();
        for (SigningNonces nn : nonces.values()) {
            shares.add(Round2.sign(Ciphersuite.BIP340, pkg, nn, keys.get(nn.identifier())));
        }
        firstSigner = keys.get(Identifier.of(1));
    }

    @Benchmark
    public Dealer.Output dealerKeygen() {
        return Dealer.generate(t, n, rng);
    }

    @Benchmark
    public SigningNonces round1() {
        return Round1.commit(Ciphersuite.BIP340, firstSigner, rng);
    }

    @Benchmark
    public SignatureShare round2() {
        return Round2.sign(Ciphersuite.BIP340, pkg, nonces.get(firstSigner.identifier()), firstSigner);
    }

    @Benchmark
    public byte[] aggregate() {
        return Aggregate.aggregate(Ciphersuite.BIP340, pkg, shares, pub);
    }
}
