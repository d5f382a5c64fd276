package dev.drey.pol.protocol;

/** Why a miner refused a DTA/M-Pin request; the code goes into the signed refusal event. */
public enum RefusalReason {
    BAD_SIGNATURE("bad-signature"),
    UNKNOWN_REQUESTER("unknown-requester"),
    MALFORMED("malformed"),
    WRONG_CURVE("wrong-curve"),
    EXPIRED("expired"),
    EXPIRY_TOO_FAR("expiry-too-far"),
    /** A time permit for a month other than the miner's current or next UTC month. */
    MONTH_OUT_OF_RANGE("month-out-of-range"),
    REPLAY("replay");

    private final String code;

    RefusalReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
