package dev.drey.bench;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.nip44.Nip44;
import dev.drey.crypto.pairing.DtaShares;
import dev.drey.crypto.pairing.MasterSecretShare;
import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.PairingCurves;
import dev.drey.crypto.pairing.PrecomputedMpinServer;
import dev.drey.crypto.pairing.VerifiableShare;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * DTA and M-Pin costs: one miner issuing a client-secret share (map to G1, s_i·H(ID), DLEQ proof, NIP-44
 * encryption of the payload), and the PoL verifier's server check, AMCL's own SERVER_2 against the
 * precomputed-line check, side by side on the same inputs (a right PIN, the common case).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PairingBench {
    @Param({"bls381", "bn254cx"})
    public String curveName;

    private PairingCurve curve;
    private MasterSecretShare share;
    private byte[] identityHash;
    private byte[] minerKey;
    private byte[] conversationKey;
    private final SecureRandom rng = new SecureRandom();
    private byte[] sst;
    private byte[][] h;
    private byte[] y;
    private byte[] u;
    private byte[] ut;
    private byte[] v;
    private int date;
    private PrecomputedMpinServer precomputed;

    @Setup
    public void setUp() {
        curve = PairingCurves.byName(curveName);
        BigInteger s = curve.randomScalar(rng);
        share = new MasterSecretShare(curve, 1, s);
        byte[] id = new byte[32];
        rng.nextBytes(id);
        identityHash = curve.mpin().hashId(id);
        minerKey = new byte[32];
        rng.nextBytes(minerKey);
        byte[] appKey = new byte[32];
        rng.nextBytes(appKey);
        conversationKey = Nip44.conversationKey(minerKey, Schnorr.publicKey(appKey));

        sst = curve.g2().mul(curve.g2().generator(), s);
        date = 20400;
        byte[] cs = curve.g1().mul(curve.hashToG1(identityHash), s);
        byte[] permit = curve.g1().mul(DtaShares.permitBase(curve, date, identityHash), s);
        byte[] token = curve.mpin().extractPin(id, 1234, cs);
        byte[] x = curve.scalarBytes(curve.randomScalar(rng));
        byte[][] p1 = curve.mpin().client1(date, id, x, 1234, token, permit);
        y = curve.scalarBytes(curve.randomScalar(rng));
        u = p1[1];
        ut = p1[2];
        v = curve.mpin().client2(x, y, p1[0]);
        h = curve.mpin().server1(date, id);
        precomputed = PrecomputedMpinServer.of(curve, sst).orElse(null);
        if (serverAmcl() != 0 || (precomputed != null && serverPrecomputed() != 0)) {
            throw new IllegalStateException("the benchmark's authentication does not verify");
        }
    }

    /** One miner's client-secret share: share, proof and encrypted payload. */
    @Benchmark
    public String issueClientSecretShare() {
        VerifiableShare sh = DtaShares.issueClientSecret(share, identityHash, rng);
        String payload = "{\"v\":1,\"share\":\"" + Hex.encode(sh.point()) + "\",\"c\":\"" + sh.proof().c().toString(16)
                + "\",\"z\":\"" + sh.proof().z().toString(16) + "\"}";
        return Nip44.encrypt(payload, conversationKey);
    }

    /** AMCL's own SERVER_2, called directly: no subgroup check of U/UT and V (Milagro's baseline). */
    @Benchmark
    public int serverAmclRaw() {
        return curveName.equals("bls381")
                ? org.apache.milagro.amcl.BLS381.MPIN.SERVER_2(date, h[0], h[1], y, sst, u, ut, v, null, null)
                : org.apache.milagro.amcl.BN254CX.MPIN.SERVER_2(date, h[0], h[1], y, sst, u, ut, v, null, null);
    }

    /** The G1 subgroup check by definition, r·P = O (what the verifier did before the endomorphism test). */
    @Benchmark
    public boolean g1CheckByOrder() {
        return curveName.equals("bls381")
                ? org.apache.milagro.amcl.BLS381.ECP.fromBytes(v)
                        .mul(new org.apache.milagro.amcl.BLS381.BIG(org.apache.milagro.amcl.BLS381.ROM.CURVE_Order))
                        .is_infinity()
                : org.apache.milagro.amcl.BN254CX.ECP.fromBytes(v)
                        .mul(new org.apache.milagro.amcl.BN254CX.BIG(org.apache.milagro.amcl.BN254CX.ROM.CURVE_Order))
                        .is_infinity();
    }

    /** The G1 check the verifier makes (decode, curve and subgroup: the endomorphism test on BLS12-381). */
    @Benchmark
    public byte[] g1Validate() {
        curve.g1().validate(v, "V");
        return v;
    }

    /** AMCL's SERVER_2 (its ate2 + one final exponentiation) after our subgroup checks of U/UT and V. */
    @Benchmark
    public int serverAmcl() {
        return curve.mpin().server2(date, h[0], h[1], y, sst, u, ut, v, null);
    }

    /**
     * The PoL verifier's check (BLS12-381): Q's and sQ's lines precomputed, G1 checks, y·H + U and the
     * pairing product on the own field arithmetic; AMCL's SERVER_2 with our G1 checks on other curves.
     */
    @Benchmark
    public int serverPrecomputed() {
        return precomputed == null ? serverAmcl() : precomputed.check(date, h[0], h[1], y, u, ut, v);
    }
}
