package dev.drey.dkg;

/**
 * Round 2 (kind 3411, type "round2"): the sender's share f_from(to), NIP-44 v2 encrypted from the sender's
 * identity key to the recipient's (the plaintext is the share's lowercase hex), {@code p}-tagged to the
 * recipient. The payload is opaque here; only the recipient (or anyone given a {@link SharedKeyDisclosure})
 * can open it.
 */
public record Round2Message(String runId, int from, int to, String encryptedShare) implements DkgMessage {
    public static final String TYPE = "round2";
    public static final int MAX_PAYLOAD_CHARS = 4096;

    public Round2Message {
        DkgChecks.runId(runId);
        DkgChecks.participantId(from, "round 2 'from'");
        DkgChecks.participantId(to, "round 2 'to'");
        if (from == to) {
            throw new DkgMessageException("round 2: a share is never sent to its own dealer");
        }
        if (encryptedShare == null || encryptedShare.isEmpty() || encryptedShare.length() > MAX_PAYLOAD_CHARS) {
            throw new DkgMessageException("round 2: 'share' must be a NIP-44 payload of at most "
                    + MAX_PAYLOAD_CHARS + " characters");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int kind() {
        return DkgKinds.ROUND2;
    }
}
