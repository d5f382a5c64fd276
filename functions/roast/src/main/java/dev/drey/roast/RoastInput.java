package dev.drey.roast;

import dev.drey.crypto.frost.Identifier;

/** What a coordinator reacts to: the request, a signer's message, another coordinator's result, or the deadline. */
public sealed interface RoastInput {
    /** The sign request arrived (its event id is the request id). */
    record Request(SignRequest request) implements RoastInput {
    }

    /**
     * A signer's message (presignature, signature share or refusal) in an event whose signature the caller
     * verified and whose author is the federation member {@code signer}.
     */
    record FromSigner(String eventId, Identifier signer, RoastMessage message) implements RoastInput {
        public FromSigner {
            RoastChecks.requestId(eventId);
            if (signer == null || message == null) {
                throw new IllegalArgumentException("signer message: missing signer or message");
            }
        }
    }

    /**
     * A signature result for the request (kind 3424) from another coordinator of the same request, or
     * forwarded by a signer that saw it. Its author is not trusted: the group signature proves itself.
     */
    record ResultSeen(String eventId, SignatureResult result) implements RoastInput {
        public ResultSeen {
            RoastChecks.requestId(eventId);
            if (result == null) {
                throw new IllegalArgumentException("result seen: missing result");
            }
        }
    }

    /** The run's time is up: if it has not completed, it fails naming everyone who held it up. */
    record Deadline() implements RoastInput {
    }
}
