package dev.drey.roast;

import dev.drey.crypto.frost.Identifier;

/** What a coordinator does after an input: messages to send, and notes for the operator's log. */
public sealed interface RoastOutput {
    /** Send this session start to its signers. */
    record StartSession(SessionStart message) implements RoastOutput {
    }

    /** The run ended: publish the result (a signature, or a failure naming the culprits). */
    record Finished(SignatureResult result) implements RoastOutput {
    }

    /** Another coordinator's valid signature ended this run: nothing to publish, nothing more to send. */
    record Stopped(String reason) implements RoastOutput {
    }

    /** A signer was put in M (or recorded as refusing); {@code reason} says why. */
    record Flagged(Identifier signer, String reason) implements RoastOutput {
    }

    /** An input changed nothing (duplicate, another run, an old session, after the end...). */
    record Ignored(String eventId, String reason) implements RoastOutput {
    }
}
