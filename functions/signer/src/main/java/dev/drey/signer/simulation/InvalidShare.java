package dev.drey.signer.simulation;

import dev.drey.crypto.Hashes;
import dev.drey.crypto.Scalar;
import dev.drey.nostr.Event;
import dev.drey.roast.RoastCodec;
import dev.drey.roast.RoastMessage;
import dev.drey.roast.SignatureShareMessage;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * A misbehaving signer for simulations and the devnet: its signature share (kind 3423) replaced by a random
 * scalar, the rest of the message kept and the event signed again by its author, so only the FROST share check
 * (not the nostr signature) can catch it.
 */
public final class InvalidShare {
    private InvalidShare() {
    }

    /** {@code share} with a random signature share, signed by {@code nostrKey}; any other event unchanged. */
    public static Event corrupt(Event share, byte[] nostrKey, SecureRandom rng) {
        return corrupt(share, nostrKey, Scalar.random(rng), rng);
    }

    /**
     * {@code share} with a wrong signature share derived from the author's key and the real share's event id:
     * the same input gives the same bad event (same id), so a replay of this faulty signer is idempotent too.
     */
    public static Event corruptDeterministically(Event share, byte[] nostrKey, SecureRandom rng) {
        byte[] seed = Hashes.hmacSha256(nostrKey, "drey/invalid-share".getBytes(StandardCharsets.US_ASCII),
                share.id().getBytes(StandardCharsets.US_ASCII));
        return corrupt(share, nostrKey, Scalar.reduce(seed), rng);
    }

    private static Event corrupt(Event share, byte[] nostrKey, Scalar badShare, SecureRandom rng) {
        RoastMessage m = RoastCodec.decode(share);
        if (!(m instanceof SignatureShareMessage s)) {
            return share;
        }
        SignatureShareMessage bad = new SignatureShareMessage(s.requestId(), s.sessionId(), badShare.encode(),
                s.nextCommitments());
        return RoastCodec.template(bad, share.createdAt(), share.tagValues("p")).sign(nostrKey, rng);
    }
}
