package dev.drey.roast;

import dev.drey.crypto.Point;
import dev.drey.crypto.frost.Ciphersuite;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.SigningPackage;
import dev.drey.crypto.frost.SigningSession;
import java.util.List;

/**
 * A FROST session the coordinator started: its number, and the signing package (the t signers with the
 * commitments each had sent last, and the message). Immutable; the derived FROST values (binding factors,
 * group commitment, challenge) are computed once per process and kept beside it, not stored.
 */
public final class Session {
    private final int id;
    private final SigningPackage signingPackage;
    private volatile SigningSession derived;
    private volatile byte[] blob;
    private volatile byte[] blobHash;

    public Session(int id, SigningPackage signingPackage) {
        if (id < 1 || signingPackage == null) {
            throw new IllegalArgumentException("session: id must be positive and the package present");
        }
        this.id = id;
        this.signingPackage = signingPackage;
    }

    public int id() {
        return id;
    }

    public SigningPackage signingPackage() {
        return signingPackage;
    }

    public List<Identifier> signers() {
        return signingPackage.signers();
    }

    public boolean includes(Identifier id) {
        return signingPackage.commitmentsOf(id) != null;
    }

    /** The FROST values of this session under {@code groupKey} (BIP-340 variant), computed on first use. */
    public SigningSession frost(Point groupKey) {
        SigningSession s = derived;
        if (s == null || !s.groupKey().equals(groupKey)) {
            s = new SigningSession(Ciphersuite.BIP340, signingPackage, groupKey);
            derived = s;
        }
        return s;
    }

    /** The stored form (members fix the encoding, and a session belongs to one run), computed once. */
    byte[] blob(List<Identifier> members) {
        byte[] b = blob;
        if (b == null) {
            b = RunStateCodec.encodeSession(this, members);
            blob = b;
        }
        return b;
    }

    byte[] blobHash(List<Identifier> members) {
        byte[] h = blobHash;
        if (h == null) {
            h = RunStateCodec.sessionHash(blob(members));
            blobHash = h;
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Session s && id == s.id && signingPackage.commitments().equals(s.signingPackage.commitments())
                && java.util.Arrays.equals(signingPackage.message(), s.signingPackage.message());
    }

    @Override
    public int hashCode() {
        return id * 31 + signingPackage.commitments().hashCode();
    }

    @Override
    public String toString() {
        return "Session[" + id + ", signers=" + signers() + "]";
    }
}
