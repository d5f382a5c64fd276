package dev.drey.roast;

/**
 * The nostr kinds of the signing protocol (DESIGN.md, "Protocol on nostr"). The values are the rows
 * 3420–3424 of the protocol table ({@code dev.drey.kafka.ProtocolKinds} holds the whole table; this
 * module stays free of Kafka, and a test checks the two agree).
 */
public final class RoastKinds {
    /** Sign request: requester → federation. Its event id is the run's request id. */
    public static final int SIGN_REQUEST = 3420;
    /** Presignature (nonce commitments), or a refusal: signer → coordinator. */
    public static final int PRESIGNATURE = 3421;
    /** Session start (message, signer set, commitments): coordinator → signers. */
    public static final int SESSION_START = 3422;
    /** Signature share with the next presignature, or a refusal: signer → coordinator. */
    public static final int SIGNATURE_SHARE = 3423;
    /** Signature result (or failure with culprits): coordinator → all. */
    public static final int SIGNATURE_RESULT = 3424;
    /** A DREY issuance, signed by the group key. */
    public static final int DREY_ISSUANCE = 3460;
    /** A proof-of-life claim from the PoL service. */
    public static final int PROOF_OF_LIFE_CLAIM = 3450;

    private RoastKinds() {
    }

    public static boolean isSigningKind(int kind) {
        return kind >= SIGN_REQUEST && kind <= SIGNATURE_RESULT;
    }
}
