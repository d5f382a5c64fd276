package dev.drey.dkg;

import dev.drey.crypto.Hashes;
import dev.drey.crypto.Hex;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Transcript confirmation (kind 3413, type "confirm", miner → all): the round-1 events participant {@code from}
 * used, one event id per roster member (its own included), and their hash. A participant finalises only once
 * all n members confirmed the hash it computed itself; any difference ends the run failed (DESIGN.md: a DKG
 * result exists only after every participant confirmed the same round-1 transcript).
 *
 * <p>The transcript hash is SHA-256 over {@code "drey/dkg/transcript/v1"} || run id (32 bytes) || for each
 * member in ascending identifier order: identifier (4 bytes, big endian) || its round-1 event id (32 bytes).
 * The list travels along with the hash so a participant whose hash differs sees which dealer's round 1 did.
 */
public record TranscriptConfirmation(String runId, int from, SortedMap<Integer, String> round1, byte[] transcript)
        implements DkgMessage {
    public static final String TYPE = "confirm";
    private static final byte[] TAG = "drey/dkg/transcript/v1".getBytes(StandardCharsets.US_ASCII);

    public TranscriptConfirmation {
        DkgChecks.runId(runId);
        DkgChecks.participantId(from, "confirmation 'from'");
        if (round1 == null || round1.size() < 2 || round1.size() > Roster.MAX_PARTICIPANTS || transcript == null) {
            throw new DkgMessageException("confirmation: 2.." + Roster.MAX_PARTICIPANTS
                    + " round-1 events and a transcript hash required");
        }
        for (Map.Entry<Integer, String> e : round1.entrySet()) {
            DkgChecks.participantId(e.getKey() == null ? 0 : e.getKey(), "confirmation round-1 'id'");
            if (e.getValue() == null || !Hex.isLowerHex(e.getValue(), 32)) {
                throw new DkgMessageException("confirmation: a round-1 event id must be 64 lowercase hex characters");
            }
        }
        round1 = Collections.unmodifiableSortedMap(new TreeMap<>(round1));
        if (!round1.containsKey(from)) {
            throw new DkgMessageException("confirmation: the sender's own round 1 is not listed");
        }
        if (!MessageDigest.isEqual(transcript, hash(runId, round1))) {
            throw new DkgMessageException("confirmation: the transcript hash is not the hash of the listed events");
        }
        transcript = transcript.clone();
    }

    /** The confirmation of {@code round1} (member → event id), its hash computed. */
    public static TranscriptConfirmation of(String runId, int from, Map<Integer, String> round1) {
        return new TranscriptConfirmation(runId, from, new TreeMap<>(round1), hash(runId, new TreeMap<>(round1)));
    }

    /** The transcript hash (see the class comment). */
    public static byte[] hash(String runId, SortedMap<Integer, String> round1) {
        MessageDigest md = Hashes.sha256();
        md.update(TAG);
        md.update(Hex.decode(DkgChecks.runId(runId)));
        for (Map.Entry<Integer, String> e : round1.entrySet()) {
            md.update(ByteBuffer.allocate(4).putInt(e.getKey()).array());
            md.update(Hex.decode(e.getValue()));
        }
        return md.digest();
    }

    @Override
    public byte[] transcript() {
        return transcript.clone();
    }

    /** Same transcript (the hash covers the run and every listed event). */
    public boolean sameTranscript(TranscriptConfirmation o) {
        return Arrays.equals(transcript, o.transcript);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TranscriptConfirmation c && c.from == from && c.runId.equals(runId) && sameTranscript(c);
    }

    @Override
    public int hashCode() {
        return runId.hashCode() * 31 + from;
    }

    @Override
    public String toString() {
        return "TranscriptConfirmation[run=" + runId + ", from=" + from + ", " + Hex.encode(transcript) + "]";
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int kind() {
        return DkgKinds.CONFIRMATION;
    }
}
