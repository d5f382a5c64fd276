package dev.drey.dkg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Round 1 (kind 3410, type "round1"): the sender's Feldman commitments, one encoded group element per
 * coefficient (33-byte secp256k1 points, or G1 points for the DTA key; the beacon key adds one last element, the
 * constant term's image in G2), and its proof of knowledge of the
 * constant term (FROST: R (33) || μ (32); DTA: the DLEQ proof's c || z). Only shapes are checked here; the
 * group elements are checked by the run's key scheme, which names the sender if they are bad.
 */
public record Round1Message(String runId, int from, List<byte[]> commitments, byte[] proof) implements DkgMessage {
    public static final String TYPE = "round1";
    public static final int MAX_COMMITMENTS = Roster.MAX_PARTICIPANTS;
    public static final int MAX_ELEMENT_BYTES = 512;

    public Round1Message {
        DkgChecks.runId(runId);
        DkgChecks.participantId(from, "round 1 'from'");
        if (commitments == null || commitments.isEmpty() || commitments.size() > MAX_COMMITMENTS || proof == null
                || proof.length == 0 || proof.length > MAX_ELEMENT_BYTES) {
            throw new DkgMessageException("round 1: 1.." + MAX_COMMITMENTS + " commitments and a proof required");
        }
        List<byte[]> copy = new ArrayList<>();
        for (byte[] c : commitments) {
            if (c == null || c.length == 0 || c.length > MAX_ELEMENT_BYTES) {
                throw new DkgMessageException("round 1: a commitment is empty or too long");
            }
            copy.add(c.clone());
        }
        commitments = List.copyOf(copy);
        proof = proof.clone();
    }

    @Override
    public List<byte[]> commitments() {
        return commitments.stream().map(byte[]::clone).toList();
    }

    @Override
    public byte[] proof() {
        return proof.clone();
    }

    /** Same commitments and proof (two events carrying this are the same contribution). */
    public boolean sameContribution(Round1Message o) {
        if (o.commitments.size() != commitments.size() || !Arrays.equals(o.proof, proof)) {
            return false;
        }
        for (int i = 0; i < commitments.size(); i++) {
            if (!Arrays.equals(commitments.get(i), o.commitments.get(i))) {
                return false;
            }
        }
        return o.runId.equals(runId) && o.from == from;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Round1Message m && sameContribution(m);
    }

    @Override
    public int hashCode() {
        return runId.hashCode() * 31 + from;
    }

    @Override
    public String toString() {
        return "Round1Message[run=" + runId + ", from=" + from + ", " + commitments.size() + " commitments]";
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int kind() {
        return DkgKinds.ROUND1;
    }
}
