package dev.drey.dkg;

/** A DKG protocol message; every one names its run (the start request's event id). */
public sealed interface DkgMessage permits StartRequest, Round1Message, Round2Message, Complaint,
        TranscriptConfirmation {
    String runId();

    /** The {@code "type"} of its content. */
    String type();

    /** The nostr kind it travels as. */
    int kind();
}
