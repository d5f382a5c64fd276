package dev.drey.dkg;

import dev.drey.crypto.Hex;

/** Shape checks shared by the messages. */
final class DkgChecks {
    private DkgChecks() {
    }

    /** A run id is the start request's event id: 64 lowercase hex characters. */
    static String runId(String runId) {
        if (!Hex.isLowerHex(runId, 32)) {
            throw new DkgMessageException("run id must be 64 lowercase hex characters (the start event's id)");
        }
        return runId;
    }

    static int participantId(int id, String what) {
        if (id < 1 || id > Participant.MAX_ID) {
            throw new DkgMessageException(what + " must be a participant id in 1.." + Participant.MAX_ID);
        }
        return id;
    }
}
