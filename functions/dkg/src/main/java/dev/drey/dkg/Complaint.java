package dev.drey.dkg;

import dev.drey.nostr.Event;
import java.util.Optional;

/**
 * A complaint (kind 3412, type "complaint"): participant {@code from} accuses {@code accused} of
 * {@code fault}, with evidence anyone in the roster can check on its own:
 * <ul>
 * <li>{@code round1}: the accused's signed round-1 event (always);</li>
 * <li>{@code conflictingRound1}: a second, different signed round-1 event (equivocation);</li>
 * <li>{@code round2} and {@code disclosure}: the accused's signed round-2 event to the complainer and the
 *     complainer's NIP-44 shared secret with the accused, proven correct, so anyone can decrypt that one
 *     share and check it (invalid share). The disclosure only reveals what the accused already knows.</li>
 * <li>{@code confirmation}: another member's signed transcript confirmation listing a round-1 event of the
 *     accused other than {@code round1} (transcript mismatch).</li>
 * </ul>
 * A complaint whose evidence does not show the fault names the complainer instead.
 */
public record Complaint(String runId, int from, int accused, Fault fault, String detail, Event round1,
        Optional<Event> conflictingRound1, Optional<Event> round2, Optional<SharedKeyDisclosure> disclosure,
        Optional<Event> confirmation) implements DkgMessage {
    public static final String TYPE = "complaint";
    public static final int MAX_DETAIL_CHARS = 500;

    public Complaint {
        DkgChecks.runId(runId);
        DkgChecks.participantId(from, "complaint 'from'");
        DkgChecks.participantId(accused, "complaint 'accused'");
        if (from == accused) {
            throw new DkgMessageException("complaint: a participant cannot accuse itself");
        }
        if (fault == null || detail == null || round1 == null || conflictingRound1 == null || round2 == null
                || disclosure == null || confirmation == null) {
            throw new DkgMessageException("complaint: missing field");
        }
        if (detail.length() > MAX_DETAIL_CHARS) {
            detail = detail.substring(0, MAX_DETAIL_CHARS);
        }
        if (fault == Fault.EQUIVOCATION && conflictingRound1.isEmpty()) {
            throw new DkgMessageException("complaint: equivocation needs two round-1 events");
        }
        if (fault == Fault.INVALID_SHARE && (round2.isEmpty() || disclosure.isEmpty())) {
            throw new DkgMessageException("complaint: an invalid share needs the round-2 event and a disclosure");
        }
        if (fault == Fault.TRANSCRIPT_MISMATCH && confirmation.isEmpty()) {
            throw new DkgMessageException("complaint: a transcript mismatch needs the other member's confirmation");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int kind() {
        return DkgKinds.COMPLAINT;
    }
}
