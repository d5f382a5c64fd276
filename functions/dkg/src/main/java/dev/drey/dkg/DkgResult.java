package dev.drey.dkg;

import dev.drey.crypto.frost.KeyPackage;
import dev.drey.crypto.frost.PublicKeyPackage;
import dev.drey.crypto.pairing.DtaPublicKey;
import dev.drey.crypto.pairing.MasterSecretShare;

/** What a completed run leaves a participant: its secret share and the group's public data. Secret. */
public sealed interface DkgResult {
    String runId();

    KeyType keyType();

    /** The FROST key (BIP-340 ciphersuite): this miner's key package and the public key package. */
    record Frost(String runId, KeyPackage keyPackage, PublicKeyPackage publicKeyPackage) implements DkgResult {
        @Override
        public KeyType keyType() {
            return KeyType.FROST_BIP340;
        }

        @Override
        public String toString() {
            return "DkgResult.Frost[run=" + runId + ", id=" + keyPackage.identifier() + ", share=<secret>]";
        }
    }

    /**
     * The beacon key: this miner's share s_i, the G1 Feldman commitments (miner j's verification share is
     * {@code commitments.publicShare(j)} = s_j·g1) and the group key s·g2 in G2 (AMCL's uncompressed encoding;
     * e(C_0, g2) = e(g1, groupKey) holds).
     */
    record Beacon(String runId, MasterSecretShare share, DtaPublicKey commitments, byte[] groupKey)
            implements DkgResult {
        public Beacon {
            groupKey = groupKey.clone();
        }

        @Override
        public byte[] groupKey() {
            return groupKey.clone();
        }

        /** s_j·g1, the G1 point miner {@code j}'s partials are checked against. */
        public byte[] verificationShare(int j) {
            return commitments.publicShare(j);
        }

        @Override
        public KeyType keyType() {
            return KeyType.BEACON_BLS12381;
        }

        @Override
        public String toString() {
            return "DkgResult.Beacon[run=" + runId + ", index=" + share.index() + ", share=<secret>]";
        }
    }

    /**
     * The election key (threshold ElGamal on secp256k1): this miner's share s_i in {@code keyPackage}, and in
     * {@code publicKeyPackage} the public key K with every member's public share K_i = s_i·G. Never a signing key.
     */
    record Election(String runId, KeyPackage keyPackage, PublicKeyPackage publicKeyPackage) implements DkgResult {
        @Override
        public KeyType keyType() {
            return KeyType.ELECTION_SECP256K1;
        }

        @Override
        public String toString() {
            return "DkgResult.Election[run=" + runId + ", id=" + keyPackage.identifier() + ", share=<secret>]";
        }
    }

    /** The DTA master secret: this miner's share s_i and the public commitments (C_0 = s·P, the DTA key). */
    record Dta(String runId, MasterSecretShare share, DtaPublicKey publicKey) implements DkgResult {
        @Override
        public KeyType keyType() {
            return KeyType.DTA;
        }

        @Override
        public String toString() {
            return "DkgResult.Dta[run=" + runId + ", index=" + share.index() + ", share=<secret>]";
        }
    }
}
