package dev.drey.signer;

/** A policy's answer to a sign request: accepted, or refused with a reason the requester may read. */
public record PolicyDecision(boolean accepted, String reason) {
    public static final PolicyDecision ACCEPT = new PolicyDecision(true, "");

    public PolicyDecision {
        reason = reason == null ? "" : reason;
        if (!accepted && reason.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs a reason");
        }
    }

    public static PolicyDecision refuse(String reason) {
        return new PolicyDecision(false, reason);
    }
}
