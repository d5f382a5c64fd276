package dev.drey.kafka;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Drey protocol's nostr kinds (DESIGN.md, "Protocol on nostr"): the single table in code,
 * with each kind's message family. All are regular kinds, so relays and Kafka keep every one.
 */
public final class ProtocolKinds {

    /** Federation broadcasts and protocol messages live in this range (peer pull asks for it). */
    public static final int FEDERATION_MIN = 3400;
    public static final int FEDERATION_MAX = 3499;

    public static final int DKG_ROUND1 = 3410;
    public static final int DKG_ROUND2 = 3411;
    public static final int DKG_COMPLAINT = 3412;
    public static final int DKG_CONFIRMATION = 3413;
    /** A DKG run ended at its deadline (dev.drey.dkg.DkgKinds.RUN_STATUS); not in DESIGN.md's table. */
    public static final int DKG_RUN_STATUS = 3414;

    public static final int SIGN_REQUEST = 3420;
    public static final int PRESIGNATURE = 3421;
    public static final int SESSION_START = 3422;
    public static final int SIGNATURE_SHARE = 3423;
    public static final int SIGNATURE_RESULT = 3424;

    public static final int DTA_CLIENT_SECRET_REQUEST = 3430;
    public static final int DTA_CLIENT_SECRET_RESPONSE = 3431;
    public static final int DTA_TIME_PERMIT_REQUEST = 3432;
    public static final int DTA_TIME_PERMIT_RESPONSE = 3433;

    public static final int MPIN_SERVER_SECRET_REQUEST = 3440;
    public static final int MPIN_SERVER_SECRET_RESPONSE = 3441;

    public static final int PROOF_OF_LIFE_CLAIM = 3450;

    public static final int DREY_ISSUANCE = 3460;

    public static final int BEACON_CHAIN_INFO = 3470;
    public static final int BEACON_PARTIAL = 3471;
    public static final int BEACON = 3472;
    public static final int VRF_REQUEST = 3473;
    public static final int VRF_OUTPUT = 3474;
    public static final int VOTE_PROPOSAL = 3480;
    public static final int VOTE_BALLOT = 3481;
    public static final int VOTE_FREEZE = 3482;
    public static final int VOTE_PARTIAL_DECRYPTION = 3483;
    public static final int VOTE_RESULT = 3484;

    /** Kind → its message, as named in DESIGN.md, in table order. */
    private static final Map<Integer, Entry> TABLE = table();

    /** One row of the kind table. */
    public record Entry(int kind, String message, MessageFamily family) {
    }

    private ProtocolKinds() {
    }

    private static Map<Integer, Entry> table() {
        Map<Integer, Entry> t = new LinkedHashMap<>();
        add(t, DKG_ROUND1, "DKG round 1 (commitments + proof of knowledge)", MessageFamily.DKG);
        add(t, DKG_ROUND2, "DKG round 2 (encrypted share)", MessageFamily.DKG);
        add(t, DKG_COMPLAINT, "DKG complaint", MessageFamily.DKG);
        add(t, DKG_CONFIRMATION, "DKG transcript confirmation (hash of every round-1 event used)", MessageFamily.DKG);
        add(t, DKG_RUN_STATUS, "DKG run status (timed out at its deadline)", MessageFamily.DKG);
        add(t, SIGN_REQUEST, "sign request", MessageFamily.SIGN);
        add(t, PRESIGNATURE, "presignature (nonce commitments)", MessageFamily.SIGN);
        add(t, SESSION_START, "session start", MessageFamily.SIGN);
        add(t, SIGNATURE_SHARE, "signature share + next presignature", MessageFamily.SIGN);
        add(t, SIGNATURE_RESULT, "signature result", MessageFamily.SIGN);
        add(t, DTA_CLIENT_SECRET_REQUEST, "DTA client-secret share request", MessageFamily.DTA);
        add(t, DTA_CLIENT_SECRET_RESPONSE, "DTA client-secret share response", MessageFamily.DTA);
        add(t, DTA_TIME_PERMIT_REQUEST, "time-permit share request", MessageFamily.DTA);
        add(t, DTA_TIME_PERMIT_RESPONSE, "time-permit share response", MessageFamily.DTA);
        add(t, MPIN_SERVER_SECRET_REQUEST, "M-Pin server-secret share request", MessageFamily.MPIN);
        add(t, MPIN_SERVER_SECRET_RESPONSE, "M-Pin server-secret share response", MessageFamily.MPIN);
        add(t, PROOF_OF_LIFE_CLAIM, "proof-of-life claim", MessageFamily.POL);
        add(t, DREY_ISSUANCE, "DREY issuance (group-signed)", MessageFamily.ISSUANCE);
        add(t, BEACON_CHAIN_INFO, "beacon chain info (group-signed drand /info)", MessageFamily.BEACON);
        add(t, BEACON_PARTIAL, "beacon partial signature + DLEQ proof", MessageFamily.BEACON);
        add(t, BEACON, "beacon (round, randomness, signature)", MessageFamily.BEACON);
        add(t, VRF_REQUEST, "VRF request", MessageFamily.BEACON);
        add(t, VRF_OUTPUT, "VRF output (input, output, proof)", MessageFamily.BEACON);
        add(t, VOTE_PROPOSAL, "vote proposal (NIP-88 option tags)", MessageFamily.VOTE);
        add(t, VOTE_BALLOT, "ballot", MessageFamily.VOTE);
        add(t, VOTE_FREEZE, "freeze of the counted ballots (group-signed)", MessageFamily.VOTE);
        add(t, VOTE_PARTIAL_DECRYPTION, "partial decryption + proof", MessageFamily.VOTE);
        add(t, VOTE_RESULT, "vote result (group-signed)", MessageFamily.VOTE);
        return Collections.unmodifiableMap(t);
    }

    private static void add(Map<Integer, Entry> t, int kind, String message, MessageFamily family) {
        t.put(kind, new Entry(kind, message, family));
    }

    /** Every protocol kind with its message and family, in DESIGN.md's order. */
    public static Map<Integer, Entry> all() {
        return TABLE;
    }

    /** The table row of a protocol kind; empty for any other kind. */
    public static Optional<Entry> lookup(int kind) {
        return Optional.ofNullable(TABLE.get(kind));
    }

    /** The family whose topic carries {@code kind}; {@link MessageFamily#OTHER} for non-protocol kinds. */
    public static MessageFamily familyOf(int kind) {
        Entry e = TABLE.get(kind);
        return e == null ? MessageFamily.OTHER : e.family();
    }

    /** Whether {@code kind} is in the federation range 3400–3499 (assigned or not). */
    public static boolean isFederationRange(int kind) {
        return kind >= FEDERATION_MIN && kind <= FEDERATION_MAX;
    }
}
