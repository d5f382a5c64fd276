package dev.drey.vote;

import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Point;
import dev.drey.crypto.election.ElectionKey;
import dev.drey.crypto.election.RangeProof;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.nostr.StrictContent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A vote proposal (kind 3480). Its tags follow NIP-88 polls ({@code option}, {@code polltype}, {@code endsAt}) and
 * add {@code mode}, {@code limit}, the roster ({@code p}), an optional {@code param}, and in secret mode the
 * election key: {@code ["election", run, K, t]} and one {@code ["trustee", i, K_i, pubkey]} per key holder.
 * The proposal's event id is the proposal id every other message cites.
 *
 * @param electionKey empty in open mode
 * @param trustees trustee index → the miner key that publishes its partial decryptions (empty in open mode)
 */
public record Proposal(String id, String author, String question, List<String> options, PollType pollType,
        long endsAt, Mode mode, int limit, String electionRun, Optional<ElectionKey> electionKey,
        Map<Integer, String> trustees, List<String> roster, Optional<String> param) {

    public enum Mode {
        SECRET, OPEN;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum PollType {
        SINGLECHOICE, MULTIPLECHOICE;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final int MAX_ROSTER = 1000;
    private static final java.util.regex.Pattern PARAM = java.util.regex.Pattern.compile("[a-z][a-z0-9-]{0,63}");

    public Proposal {
        options = List.copyOf(options);
        roster = List.copyOf(roster);
        trustees = java.util.Collections.unmodifiableMap(new TreeMap<>(trustees));
        if (options.size() < 1 || options.size() > RangeProof.MAX_LIMIT) {
            throw new VoteException("proposal: 1.." + RangeProof.MAX_LIMIT + " options");
        }
        if (limit < 1 || limit > options.size() || (pollType == PollType.SINGLECHOICE && limit != 1)) {
            throw new VoteException("proposal: limit " + limit + " does not fit " + pollType.wire() + " with "
                    + options.size() + " options");
        }
        if (roster.isEmpty() || roster.size() > MAX_ROSTER || new LinkedHashSet<>(roster).size() != roster.size()) {
            throw new VoteException("proposal: the roster must name 1.." + MAX_ROSTER + " distinct members");
        }
        if (mode == Mode.SECRET && (electionKey.isEmpty() || trustees.size() != electionKey.get().publicShares().size()
                || !trustees.keySet().equals(electionKey.get().publicShares().keySet()))) {
            throw new VoteException("proposal: a secret vote names the election key and one miner per trustee");
        }
        if (mode == Mode.OPEN && (electionKey.isPresent() || !trustees.isEmpty())) {
            throw new VoteException("proposal: an open vote has no election key");
        }
        param.ifPresent(p -> {
            if (!PARAM.matcher(p).matches()) {
                throw new VoteException("proposal: param '" + StrictContent.clip(p) + "' is not a parameter name");
            }
        });
    }

    /** The unsigned event (the author signs it; its id becomes the proposal id). */
    public static EventTemplate template(String question, List<String> options, PollType pollType, long endsAt,
            Mode mode, int limit, String electionRun, Optional<ElectionKey> key, Map<Integer, String> trustees,
            List<String> roster, Optional<String> param, long createdAt) {
        // Validate through the record's own checks (with a placeholder id) before anything is signed.
        new Proposal("0".repeat(64), "0".repeat(64), question, options, pollType, endsAt, mode, limit, electionRun,
                key, trustees, roster, param);
        List<List<String>> tags = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            tags.add(List.of("option", Integer.toString(i), options.get(i)));
        }
        tags.add(List.of("polltype", pollType.wire()));
        tags.add(List.of("endsAt", Long.toString(endsAt)));
        tags.add(List.of("mode", mode.wire()));
        tags.add(List.of("limit", Integer.toString(limit)));
        key.ifPresent(k -> {
            tags.add(List.of("election", electionRun, Hex.encode(k.publicKey().encodeCompressed()),
                    Integer.toString(k.threshold())));
            k.publicShares().forEach((i, share) -> tags.add(List.of("trustee", Integer.toString(i),
                    Hex.encode(share.encodeCompressed()), trustees.get(i))));
        });
        for (String member : roster) {
            tags.add(List.of("p", member));
        }
        param.ifPresent(p -> tags.add(List.of("param", p)));
        return new EventTemplate(createdAt, VoteKinds.PROPOSAL, tags, question);
    }

    /**
     * An open proposal as a plain NIP-88 poll (kind 1068, the same tags), so ordinary nostr clients show it; read
     * back by {@link #of} like a kind-3480 proposal.
     */
    public static EventTemplate asNip88Poll(EventTemplate openProposal) {
        if (openProposal.kind() != VoteKinds.PROPOSAL || !openProposal.tags().contains(List.of("mode", "open"))) {
            throw new VoteException("proposal: only an open proposal can be a plain NIP-88 poll");
        }
        return new EventTemplate(openProposal.createdAt(), VoteKinds.NIP88_POLL, openProposal.tags(),
                openProposal.content());
    }

    /** The proposal an event carries (id and signature are checked by the caller). */
    public static Proposal of(Event e) {
        if (e.kind() != VoteKinds.PROPOSAL && e.kind() != VoteKinds.NIP88_POLL) {
            throw new VoteException("proposal: kind " + e.kind() + ", not " + VoteKinds.PROPOSAL);
        }
        List<String> options = new ArrayList<>();
        Mode mode = null;
        PollType pollType = null;
        Long endsAt = null;
        Integer limit = null;
        String run = "";
        Point k = null;
        int threshold = 0;
        Map<Integer, Point> shares = new TreeMap<>();
        Map<Integer, String> trustees = new TreeMap<>();
        List<String> roster = new ArrayList<>();
        Optional<String> param = Optional.empty();
        try {
            for (List<String> t : e.tags()) {
                String name = t.isEmpty() ? "" : t.get(0);
                switch (name) {
                    case "option" -> {
                        need(t, 3, "option");
                        if (!t.get(1).equals(Integer.toString(options.size()))) {
                            throw new VoteException("proposal: option ids must be 0, 1, 2, ... in order");
                        }
                        options.add(t.get(2));
                    }
                    case "polltype" -> pollType = once(pollType, PollType.valueOf(upper(t, "polltype")), "polltype");
                    case "endsAt" -> endsAt = once(endsAt, number(t, "endsAt"), "endsAt");
                    case "mode" -> mode = once(mode, Mode.valueOf(upper(t, "mode")), "mode");
                    case "limit" -> limit = once(limit, (int) Math.min(number(t, "limit"), Integer.MAX_VALUE), "limit");
                    case "election" -> {
                        need(t, 4, "election");
                        if (k != null) {
                            throw new VoteException("proposal: two election tags");
                        }
                        run = t.get(1);
                        if (!Hex.isLowerHex(run, 32)) {
                            throw new VoteException("proposal: the election run is not a DKG run id");
                        }
                        k = Point.decodeCompressed(Hex.decode(t.get(2)));
                        threshold = (int) Math.min(Long.parseLong(t.get(3)), Integer.MAX_VALUE);
                    }
                    case "trustee" -> {
                        need(t, 4, "trustee");
                        int i = Integer.parseInt(t.get(1));
                        if (i < 1 || shares.containsKey(i) || !Hex.isLowerHex(t.get(3), 32)) {
                            throw new VoteException("proposal: trustee tag " + StrictContent.clip(t.get(1))
                                    + " is a repeat, out of range, or names no miner key");
                        }
                        shares.put(i, Point.decodeCompressed(Hex.decode(t.get(2))));
                        trustees.put(i, t.get(3));
                    }
                    case "p" -> {
                        need(t, 2, "p");
                        if (!Hex.isLowerHex(t.get(1), 32)) {
                            throw new VoteException("proposal: a roster entry is not a public key");
                        }
                        roster.add(t.get(1));
                    }
                    case "param" -> {
                        need(t, 2, "param");
                        param = once(param.orElse(null), t.get(1), "param") == null ? Optional.empty()
                                : Optional.of(t.get(1));
                    }
                    default -> {
                        // other tags (relay hints, NIP-88 extras) carry nothing the vote depends on
                    }
                }
            }
            if (mode == null || pollType == null || endsAt == null || limit == null) {
                throw new VoteException("proposal: mode, polltype, endsAt and limit are required");
            }
            Optional<ElectionKey> key = k == null ? Optional.empty()
                    : Optional.of(new ElectionKey(k, threshold, shares));
            if (e.kind() == VoteKinds.NIP88_POLL && mode != Mode.OPEN) {
                throw new VoteException("proposal: a plain NIP-88 poll can only be an open vote");
            }
            return new Proposal(e.id(), e.pubkey(), e.content(), options, pollType, endsAt, mode, limit, run, key,
                    trustees, roster, param);
        } catch (IllegalArgumentException | CryptoException ex) {
            throw new VoteException("proposal: " + ex.getMessage());
        }
    }

    private static void need(List<String> t, int size, String name) {
        if (t.size() < size) {
            throw new VoteException("proposal: the " + name + " tag needs " + (size - 1) + " values");
        }
    }

    private static <T> T once(T previous, T value, String name) {
        if (previous != null) {
            throw new VoteException("proposal: two " + name + " tags");
        }
        return value;
    }

    private static String upper(List<String> t, String name) {
        need(t, 2, name);
        return t.get(1).toUpperCase(java.util.Locale.ROOT);
    }

    private static long number(List<String> t, String name) {
        need(t, 2, name);
        if (!t.get(1).matches("0|[1-9][0-9]{0,15}")) {
            throw new VoteException("proposal: " + name + " must be a whole number");
        }
        return Long.parseLong(t.get(1));
    }

    /** The trustee index of a miner key, if it holds a share of the election key. */
    public Optional<Integer> trusteeOf(String pubkey) {
        return trustees.entrySet().stream().filter(e -> e.getValue().equals(pubkey)).map(Map.Entry::getKey)
                .findFirst();
    }

    /** The election key of a secret vote. */
    public ElectionKey key() {
        return electionKey.orElseThrow(() -> new VoteException("an open vote has no election key"));
    }
}
