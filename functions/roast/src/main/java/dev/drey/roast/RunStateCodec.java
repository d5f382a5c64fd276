package dev.drey.roast;

import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.SigningCommitments;
import dev.drey.crypto.frost.SigningPackage;
import dev.drey.roast.RunState.Early;
import dev.drey.roast.RunState.Phase;
import dev.drey.roast.RunState.Progress;
import dev.drey.roast.RunState.Slot;
import dev.drey.roast.RunState.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The stored form of a {@link RunState}, written field by field (no Java serialization, no reflection).
 * A run is a small header plus one immutable blob per session (the session's signing package), so each
 * message rewrites only the header. The header names each session's blob by its SHA-256, so a blob
 * written by an orchestrator whose compare-and-set then lost is never mistaken for the winner's.
 *
 * <p>Header: magic {@code RST2}, request id, coordinator, t, n, the n identifiers, status, message, the
 * request's coordinators, one slot per member (phase, pending session, presignature, first/last event id,
 * unchecked share and its session), per session (id, blob hash,
 * responders as member indexes, share sum), early messages (event id, signer index or FFFF, kind, content),
 * signature, successful session, culprits, outcome. Session blob: magic {@code RSS1}, id, message,
 * t × (member index, commitments).
 */
public final class RunStateCodec {
    private static final int HEADER_MAGIC_V1 = 0x52535431; // "RST1"
    /** Adds the request's coordinators and each signer's unchecked share. */
    private static final int HEADER_MAGIC = 0x52535432; // "RST2"
    /** Member index of an early message without signer (a signature result). */
    private static final int NO_SIGNER = 0xFFFF;
    private static final int SESSION_MAGIC = 0x52535331; // "RSS1"

    /** How the header names a session blob. */
    public record SessionRef(int id, byte[] hash) {
        public String hashHex() {
            return Hex.encode(hash);
        }
    }

    private RunStateCodec() {
    }

    public static byte[] encodeSession(Session s, List<Identifier> members) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 68 * s.signers().size());
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(SESSION_MAGIC);
            out.writeInt(s.id());
            out.write(s.signingPackage().message());
            out.writeShort(s.signingPackage().commitments().size());
            for (SigningCommitments c : s.signingPackage().commitments()) {
                out.writeShort(index(members, c.identifier()));
                out.write(c.encode());
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
    }

    public static Session decodeSession(byte[] blob, List<Identifier> members) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(blob));
            if (in.readInt() != SESSION_MAGIC) {
                throw new RunStateException("stored session: not a session blob");
            }
            int id = in.readInt();
            byte[] message = read(in, 32);
            int count = in.readUnsignedShort();
            List<SigningCommitments> cs = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                Identifier signer = member(members, in.readUnsignedShort());
                cs.add(SigningCommitments.decode(signer, read(in, 66)));
            }
            end(in);
            return new Session(id, new SigningPackage(cs, message));
        } catch (EOFException e) {
            throw new RunStateException("stored session: truncated");
        } catch (IOException | CryptoException | IllegalArgumentException e) {
            throw new RunStateException("stored session: " + e.getMessage());
        }
    }

    public static byte[] sessionHash(byte[] blob) {
        return sha256(blob);
    }

    /** The hash naming {@code s}'s blob, memoised on the session. */
    public static byte[] sessionHash(Session s, List<Identifier> members) {
        return s.blobHash(members);
    }

    public static byte[] encodeHeader(RunState s) {
        return encodeHeader(s, null);
    }

    /**
     * The header; {@code reuse} (or null) holds the encodings of slot and progress records by identity from
     * the previous call for the same run and is refilled with this state's. A run changes a few slots per
     * message and shares the rest with the state before, so most records are copied, not encoded again.
     */
    public static byte[] encodeHeader(RunState s, java.util.IdentityHashMap<Object, byte[]> reuse) {
        try {
            List<Identifier> members = s.members();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(512 + members.size() * 240
                    + s.sessions().size() * (72 + 2 * s.threshold()));
            DataOutputStream out = new DataOutputStream(bytes);
            java.util.IdentityHashMap<Object, byte[]> made = new java.util.IdentityHashMap<>();
            Map<Identifier, Integer> indexes = new java.util.HashMap<>();
            for (int k = 0; k < members.size(); k++) {
                indexes.put(members.get(k), k);
            }
            out.writeInt(HEADER_MAGIC);
            out.write(Hex.decode(s.requestId()));
            out.write(Hex.decode(s.coordinator()));
            out.writeShort(s.threshold());
            out.writeShort(members.size());
            for (Identifier id : members) {
                out.write(id.encode());
            }
            out.writeByte(s.status().ordinal());
            optional(out, s.message());
            out.writeByte(s.coordinators().size());
            for (String c : s.coordinators()) {
                out.write(Hex.decode(c));
            }
            for (Identifier id : members) {
                Slot slot = s.slot(id);
                byte[] b = made.get(slot);
                if (b == null) {
                    b = reuse == null ? null : reuse.get(slot);
                    if (b == null) {
                        b = encodeSlot(slot);
                    }
                    made.put(slot, b);
                }
                out.write(b);
            }
            out.writeInt(s.sessions().size());
            for (int k = 0; k < s.sessions().size(); k++) {
                Session session = s.sessions().get(k);
                Progress p = s.progress().get(k);
                out.writeInt(session.id());
                out.write(sessionHash(session, members));
                byte[] b = reuse == null ? null : reuse.get(p);
                if (b == null) {
                    ByteArrayOutputStream pb = new ByteArrayOutputStream(34 + 2 * p.responded().size());
                    DataOutputStream po = new DataOutputStream(pb);
                    po.writeShort(p.responded().size());
                    for (Identifier id : p.responded()) {
                        Integer index = indexes.get(id);
                        if (index == null) {
                            throw new IllegalArgumentException("not a member: " + id);
                        }
                        po.writeShort(index);
                    }
                    po.write(p.shareSum().encode());
                    b = pb.toByteArray();
                }
                made.put(p, b);
                out.write(b);
            }
            out.writeShort(s.early().size());
            for (Early e : s.early()) {
                out.write(Hex.decode(e.eventId()));
                out.writeShort(e.signer() == null ? NO_SIGNER : index(members, e.signer()));
                out.writeShort(e.message().kind());
                utf8(out, RoastCodec.content(e.message()));
            }
            optional(out, s.signature());
            out.writeInt(s.successfulSession());
            out.writeShort(s.culprits().size());
            for (Identifier id : s.culprits()) {
                out.writeShort(index(members, id));
            }
            utf8(out, s.outcome());
            if (reuse != null) {
                reuse.clear();
                reuse.putAll(made);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
    }

    private static byte[] encodeSlot(Slot slot) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(220);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(slot.phase().ordinal());
        out.writeInt(slot.pendingSession());
        optional(out, slot.presignature() == null ? null : slot.presignature().encode());
        optional(out, slot.firstEventId() == null ? null : Hex.decode(slot.firstEventId()));
        optional(out, slot.lastEventId() == null ? null : Hex.decode(slot.lastEventId()));
        optional(out, slot.unverifiedShare() == null ? null : slot.unverifiedShare().encode());
        if (slot.unverifiedShare() != null) {
            out.writeInt(slot.unverifiedSession());
        }
        return bytes.toByteArray();
    }

    /** The session references of a stored header, so a store can fetch the blobs first. */
    public static List<SessionRef> sessionRefs(byte[] header) {
        List<SessionRef> refs = new ArrayList<>();
        decodeHeader(header, (ref, members) -> {
            refs.add(ref);
            return null;
        });
        return refs;
    }

    /** Reads a header; {@code sessions} supplies each session named (by id and blob hash). */
    public static RunState decodeHeader(byte[] header, BiFunction<SessionRef, List<Identifier>, Session> sessions) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(header));
            int magic = in.readInt();
            if (magic != HEADER_MAGIC && magic != HEADER_MAGIC_V1) {
                throw new RunStateException("stored run: not a run header");
            }
            boolean v2 = magic == HEADER_MAGIC;
            String requestId = Hex.encode(read(in, 32));
            String coordinator = Hex.encode(read(in, 32));
            int t = in.readUnsignedShort();
            int n = in.readUnsignedShort();
            List<Identifier> members = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                members.add(Identifier.decode(read(in, 32)));
            }
            Status status = enumAt(Status.values(), in.readUnsignedByte(), "status");
            byte[] message = optional(in, 32);
            List<String> coordinators = new ArrayList<>();
            int coordinatorCount = v2 ? in.readUnsignedByte() : 0;
            for (int k = 0; k < coordinatorCount; k++) {
                coordinators.add(Hex.encode(read(in, 32)));
            }
            Map<Identifier, Slot> slots = new TreeMap<>();
            for (Identifier id : members) {
                Phase phase = enumAt(Phase.values(), in.readUnsignedByte(), "phase");
                int pending = in.readInt();
                byte[] presig = optional(in, 66);
                byte[] first = optional(in, 32);
                byte[] last = optional(in, 32);
                byte[] held = v2 ? optional(in, 32) : null;
                int heldSession = held == null ? 0 : in.readInt();
                slots.put(id, new Slot(phase, pending, presig == null ? null : SigningCommitments.decode(id, presig),
                        first == null ? null : Hex.encode(first), last == null ? null : Hex.encode(last),
                        heldSession, held == null ? null : Scalar.decode(held)));
            }
            int count = in.readInt();
            if (count < 0 || count > n + 1) {
                throw new RunStateException("stored run: " + count + " sessions");
            }
            List<Session> list = new ArrayList<>(count);
            List<Progress> progress = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                SessionRef ref = new SessionRef(in.readInt(), read(in, 32));
                Session session = sessions.apply(ref, members);
                list.add(session);
                int responded = in.readUnsignedShort();
                TreeSet<Identifier> ids = new TreeSet<>();
                for (int j = 0; j < responded; j++) {
                    ids.add(member(members, in.readUnsignedShort()));
                }
                progress.add(new Progress(ids, Scalar.decode(read(in, 32))));
            }
            int earlyCount = in.readUnsignedShort();
            List<Early> early = new ArrayList<>(earlyCount);
            for (int k = 0; k < earlyCount; k++) {
                String eventId = Hex.encode(read(in, 32));
                int index = in.readUnsignedShort();
                Identifier signer = index == NO_SIGNER ? null : member(members, index);
                int kind = in.readUnsignedShort();
                early.add(new Early(eventId, signer, RoastCodec.decodeContent(kind, utf8(in), eventId)));
            }
            byte[] signature = optional(in, 64);
            int successful = in.readInt();
            int culpritCount = in.readUnsignedShort();
            List<Identifier> culprits = new ArrayList<>(culpritCount);
            for (int k = 0; k < culpritCount; k++) {
                culprits.add(member(members, in.readUnsignedShort()));
            }
            String outcome = utf8(in);
            end(in);
            if (list.contains(null)) {
                return null; // only while listing references
            }
            return new RunState(requestId, coordinator, t, members, message, coordinators, status, slots, list, progress, early,
                    signature, successful, culprits, outcome);
        } catch (EOFException e) {
            throw new RunStateException("stored run: truncated");
        } catch (IOException | CryptoException | RoastMessageException | IllegalArgumentException e) {
            throw new RunStateException("stored run: " + e.getMessage());
        }
    }

    private static int index(List<Identifier> members, Identifier id) {
        int k = java.util.Collections.binarySearch(members, id);
        if (k < 0) {
            throw new IllegalArgumentException("not a member: " + id);
        }
        return k;
    }

    private static Identifier member(List<Identifier> members, int k) {
        if (k >= members.size()) {
            throw new RunStateException("stored run: member index " + k + " out of range");
        }
        return members.get(k);
    }

    private static <E> E enumAt(E[] values, int k, String what) {
        if (k >= values.length) {
            throw new RunStateException("stored run: unknown " + what + " " + k);
        }
        return values[k];
    }

    private static void optional(DataOutputStream out, byte[] b) throws IOException {
        out.writeBoolean(b != null);
        if (b != null) {
            out.write(b);
        }
    }

    private static byte[] optional(DataInputStream in, int length) throws IOException {
        return in.readBoolean() ? read(in, length) : null;
    }

    private static byte[] read(DataInputStream in, int length) throws IOException {
        byte[] b = new byte[length];
        in.readFully(b);
        return b;
    }

    private static void utf8(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String utf8(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new RunStateException("stored run: string length " + length + " out of range");
        }
        return new String(read(in, length), StandardCharsets.UTF_8);
    }

    private static void end(DataInputStream in) throws IOException {
        if (in.read() != -1) {
            throw new RunStateException("stored run: trailing bytes");
        }
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
