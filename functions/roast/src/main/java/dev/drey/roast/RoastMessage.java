package dev.drey.roast;

/**
 * A message of the signing protocol, as carried in a nostr event's content. Every message names its run
 * (the request id: the id of the sign-request event) and its session (0 before any session), so nothing
 * from one run or session can be taken for another.
 */
public sealed interface RoastMessage
        permits SignRequest, Presignature, SessionStart, SignatureShareMessage, SignatureResult, Refusal {
    /** The run: the event id of the sign request, 64 lowercase hex characters. */
    String requestId();

    /** The session: 0 for messages outside any session, else 1, 2, ... in the order the coordinator starts them. */
    int sessionId();

    /** The nostr kind that carries this message. */
    int kind();

    /** The content's {@code type} field. */
    String type();
}
