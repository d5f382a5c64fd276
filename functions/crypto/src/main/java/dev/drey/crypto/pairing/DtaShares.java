package dev.drey.crypto.pairing;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Issuing, checking and recombining the DTA's secret shares. Miner i issues
 * <ul>
 * <li>a client-secret share s_i·H(ID) in G1, H = Milagro's map of the EFS-byte identity hash;</li>
 * <li>a time-permit share s_i·H_T(date, H(ID)) in G1 (AMCL's GET_CLIENT_PERMIT with s_i);</li>
 * <li>a server-secret share s_i·Q in G2 (for the PoL service only).</li>
 * </ul>
 * each with a DLEQ proof against s_i·P; any t valid shares recombine with Lagrange coefficients to the
 * same point AMCL would compute from s.
 */
public final class DtaShares {
    private DtaShares() {
    }

    /** What a share is of; part of each proof's context so a proof never transfers between kinds. */
    public enum Kind {
        CLIENT_SECRET, TIME_PERMIT, SERVER_SECRET
    }

    // ---- issuing (miner side) ----

    public static VerifiableShare issueClientSecret(MasterSecretShare s, byte[] identityHash, SecureRandom rng) {
        PairingCurve c = s.curve();
        byte[] base = c.hashToG1(identityHash);
        return issue(s, c.g1(), base, context(Kind.CLIENT_SECRET, s.index(), 0, identityHash), rng);
    }

    public static VerifiableShare issueTimePermit(MasterSecretShare s, int date, byte[] identityHash,
            SecureRandom rng) {
        PairingCurve c = s.curve();
        byte[] base = permitBase(c, date, identityHash);
        return issue(s, c.g1(), base, context(Kind.TIME_PERMIT, s.index(), date, identityHash), rng);
    }

    public static VerifiableShare issueServerSecret(MasterSecretShare s, SecureRandom rng) {
        PairingCurve c = s.curve();
        return issue(s, c.g2(), c.g2().generator(), context(Kind.SERVER_SECRET, s.index(), 0, new byte[0]), rng);
    }

    private static VerifiableShare issue(MasterSecretShare s, PairingGroup group, byte[] base, byte[] context,
            SecureRandom rng) {
        PairingCurve c = s.curve();
        byte[] point = group.mul(base, s.value());
        DleqProof proof = DleqProof.prove(c, s.value(),
                new DleqProof.Statement(c.g1(), c.g1().generator(), s.publicShare()),
                new DleqProof.Statement(group, base, point), context, rng);
        return new VerifiableShare(s.index(), point, proof);
    }

    // ---- checking (app and PoL service side) ----

    /**
     * Whether {@code share} is miner share.index()'s correct share of {@code kind}, given its public share
     * s_i·P. Malformed points are {@link PairingException}s, a wrong share or proof is {@code false}.
     */
    public static boolean verify(PairingCurve c, Kind kind, byte[] publicShare, VerifiableShare share, int date,
            byte[] identityHash) {
        PairingGroup group;
        byte[] base;
        switch (kind) {
            case CLIENT_SECRET -> {
                group = c.g1();
                base = c.hashToG1(identityHash);
            }
            case TIME_PERMIT -> {
                group = c.g1();
                base = permitBase(c, date, identityHash);
            }
            default -> {
                group = c.g2();
                base = c.g2().generator();
                identityHash = new byte[0];
            }
        }
        return share.proof().verify(c, new DleqProof.Statement(c.g1(), c.g1().generator(), publicShare),
                new DleqProof.Statement(group, base, share.point()),
                context(kind, share.index(), kind == Kind.TIME_PERMIT ? date : 0, identityHash));
    }

    /** H_T(date, H(ID)): the G1 base of a time permit (AMCL: mapit(hashit(sha, date, H(ID), EFS))). */
    public static byte[] permitBase(PairingCurve c, int date, byte[] identityHash) {
        if (date <= 0) {
            throw new PairingException("time permit: date must be a positive day number");
        }
        if (identityHash == null || identityHash.length != c.fieldBytes()) {
            throw new PairingException("identity hash: expected " + c.fieldBytes() + " bytes");
        }
        return c.hashToG1(c.mpin().permitHash(date, identityHash));
    }

    // ---- recombining ----

    /** Recombines at least {@code threshold} shares (distinct indices) with Lagrange coefficients. */
    public static byte[] recombine(PairingCurve c, PairingGroup group, List<VerifiableShare> shares, int threshold) {
        if (shares.size() < threshold) {
            throw new PairingException("recombination: need " + threshold + " shares, have " + shares.size());
        }
        return combine(c, group, shares);
    }

    /** Lagrange recombination over exactly the given shares, whatever their number. */
    public static byte[] combine(PairingCurve c, PairingGroup group, List<VerifiableShare> shares) {
        if (shares.isEmpty()) {
            throw new PairingException("recombination: no shares");
        }
        List<Integer> idx = new ArrayList<>();
        byte[][] pts = new byte[shares.size()][];
        for (int i = 0; i < shares.size(); i++) {
            idx.add(shares.get(i).index());
            pts[i] = shares.get(i).point();
        }
        return group.linearCombination(pts, Lagrange.atZero(idx, c.order()));
    }

    /** Milagro's n-of-n recombination: the plain sum of additive shares (RECOMBINE_G1/G2). */
    public static byte[] sum(PairingGroup group, List<byte[]> points) {
        BigInteger[] ones = new BigInteger[points.size()];
        java.util.Arrays.fill(ones, BigInteger.ONE);
        return group.linearCombination(points.toArray(byte[][]::new), ones);
    }

    static byte[] context(Kind kind, int index, int date, byte[] identityHash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("drey/dta/" + kind.name().toLowerCase(java.util.Locale.ROOT))
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {(byte) (index >>> 24), (byte) (index >>> 16), (byte) (index >>> 8), (byte) index});
        out.writeBytes(new byte[] {(byte) (date >>> 24), (byte) (date >>> 16), (byte) (date >>> 8), (byte) date});
        out.writeBytes(identityHash);
        return out.toByteArray();
    }
}
