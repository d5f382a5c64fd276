package dev.drey.crypto.frost;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * What the coordinator sends to every chosen signer: the commitments of all signers (sorted by
 * identifier, no duplicates) and the message.
 */
public record SigningPackage(List<SigningCommitments> commitments, byte[] message) {
    public SigningPackage {
        if (commitments == null || message == null) {
            throw new FrostException(FrostException.Fault.MISSING_INPUT, "signing package: missing field");
        }
        List<SigningCommitments> sorted = new ArrayList<>(commitments);
        sorted.sort(Comparator.comparing(SigningCommitments::identifier));
        List<Identifier> dups = new ArrayList<>();
        for (int i = 1; i < sorted.size(); i++) {
            Identifier id = sorted.get(i).identifier();
            if (id.equals(sorted.get(i - 1).identifier()) && !dups.contains(id)) {
                dups.add(id);
            }
        }
        if (!dups.isEmpty()) {
            throw new FrostException(FrostException.Fault.DUPLICATE_IDENTIFIER,
                    "signing package: duplicate commitments", dups);
        }
        if (sorted.isEmpty()) {
            throw new FrostException(FrostException.Fault.MISSING_INPUT, "signing package: no commitments");
        }
        commitments = List.copyOf(sorted);
        message = message.clone();
    }

    public static SigningPackage of(Collection<SigningCommitments> commitments, byte[] message) {
        return new SigningPackage(List.copyOf(commitments), message);
    }

    @Override
    public byte[] message() {
        return message.clone();
    }

    /** The signers' identifiers in ascending order. */
    public List<Identifier> signers() {
        List<Identifier> ids = new ArrayList<>(commitments.size());
        for (SigningCommitments c : commitments) {
            ids.add(c.identifier());
        }
        return ids;
    }

    /** This signer's commitments, or null when it is not part of the package. */
    public SigningCommitments commitmentsOf(Identifier id) {
        int lo = 0;
        int hi = commitments.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = commitments.get(mid).identifier().compareTo(id);
            if (c == 0) {
                return commitments.get(mid);
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return null;
    }

    /** The RFC 9591 encode_group_commitment_list: id || D || E for each signer, in order. */
    public byte[] encodeCommitmentList() {
        byte[] out = new byte[commitments.size() * 98];
        int off = 0;
        for (SigningCommitments c : commitments) {
            System.arraycopy(c.identifier().encode(), 0, out, off, 32);
            System.arraycopy(c.hiding().encodeCompressed(), 0, out, off + 32, 33);
            System.arraycopy(c.binding().encodeCompressed(), 0, out, off + 65, 33);
            off += 98;
        }
        return out;
    }
}
