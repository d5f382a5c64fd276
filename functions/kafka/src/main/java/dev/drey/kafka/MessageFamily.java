package dev.drey.kafka;

/**
 * A group of protocol messages that share a Kafka topic, so one function consumes one topic
 * (the signer and ROAST coordinator read {@link #SIGN}, the DTA function {@link #DTA}, ...).
 */
public enum MessageFamily {
    /** Distributed key generation, kinds 3410–3413. */
    DKG("dkg"),
    /** Sign requests and the FROST/ROAST rounds, kinds 3420–3424. */
    SIGN("sign"),
    /** DTA client-secret and time-permit shares, kinds 3430–3433. */
    DTA("dta"),
    /** M-Pin server-secret shares, kinds 3440–3441. */
    MPIN("mpin"),
    /** Proof-of-life claims, kind 3450. */
    POL("pol"),
    /** DREY issuance signed by the group key, kind 3460. */
    ISSUANCE("issuance"),
    /** The randomness beacon and threshold VRF, kinds 3470–3474. */
    BEACON("beacon"),
    /** Actuary voting: proposals, ballots, freezes, partial decryptions and results, kinds 3480–3484. */
    VOTE("vote"),
    /** Every other kind (including unassigned kinds in the federation range 3400–3499). */
    OTHER("other");

    private final String topicSuffix;

    MessageFamily(String topicSuffix) {
        this.topicSuffix = topicSuffix;
    }

    /** The family's part of the topic name: {@code drey.<suffix>}. */
    public String topicSuffix() {
        return topicSuffix;
    }
}
