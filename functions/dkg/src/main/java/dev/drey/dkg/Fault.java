package dev.drey.dkg;

import dev.drey.nostr.StrictContent;

/** What a complaint accuses a participant of; {@link #wireName()} is its spelling in the content. */
public enum Fault {
    /** Round-1 commitments that do not decode to group elements, or not exactly t of them. */
    INVALID_COMMITMENT("invalid-commitment"),
    /** A proof of knowledge of the constant term that does not verify (FROST key). */
    INVALID_PROOF("invalid-proof"),
    /**
     * A round-2 share that does not decrypt, does not parse or does not match the sender's commitments. For
     * the DTA key the proof of knowledge is checked together with the share ({@code PairingDkg.finalize}), so
     * a bad DTA proof is reported as this fault, its detail saying which.
     */
    INVALID_SHARE("invalid-share"),
    /** Two different round-1 contributions signed by the same participant for the same run. */
    EQUIVOCATION("equivocation"),
    /**
     * Another member confirmed a round-1 transcript that holds a different event of the accused dealer than
     * the complainer's. The evidence is the complainer's copy of the dealer's round 1 and the other member's
     * signed confirmation: whoever also holds the dealer's other event names the dealer (equivocation); with
     * only one of them in hand the run fails without a culprit.
     */
    TRANSCRIPT_MISMATCH("transcript-mismatch");

    private final String wireName;

    Fault(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Fault fromWire(String s) {
        for (Fault f : values()) {
            if (f.wireName.equals(s)) {
                return f;
            }
        }
        throw new DkgMessageException("content: unknown fault '" + StrictContent.clip(s) + "'");
    }
}
