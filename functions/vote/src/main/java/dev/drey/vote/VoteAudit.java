package dev.drey.vote;

import dev.drey.crypto.Hashes;
import dev.drey.crypto.Hex;
import dev.drey.crypto.election.BallotCheck;
import dev.drey.crypto.election.BallotContext;
import dev.drey.crypto.election.BallotStatement;
import dev.drey.crypto.election.BallotVerifier;
import dev.drey.crypto.election.BatchVerifier;
import dev.drey.crypto.election.ElectionException;
import dev.drey.crypto.election.EncryptedBallot;
import dev.drey.crypto.election.PartialDecryption;
import dev.drey.crypto.election.Tally;
import dev.drey.crypto.election.TallyResult;
import dev.drey.crypto.election.ThresholdDecryption;
import dev.drey.nostr.Event;
import dev.drey.nostr.Verification;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The pure audit of one proposal's public record: which ballots count (and why the others do not), the tally and
 * its hash, whether a freeze and a result are the ones the record gives, and the decryption from trustees'
 * partials. The signers run it before they sign a freeze or a result; the record verifier runs it on a record
 * alone. No clock, no I/O: the record in, the facts out.
 *
 * <p><b>Which ballot counts.</b> A ballot counts only if its signature is good, its voter is on the roster, its
 * created_at is at most {@code endsAt} and (secret mode) every proof verifies. A voter's later ballot names the one
 * it replaces in a {@code prev} tag, so "latest" is the end of the voter's chain, never the larger created_at (which
 * the voter chooses): a ballot citing no valid earlier ballot of its voter is refused, and a voter whose ballots
 * fork (two first ballots, or two ballots replacing the same one) has all its ballots refused as a double vote.
 */
public final class VoteAudit {
    private static final Hashes.Tagged OPEN_TALLY = new Hashes.Tagged("drey/vote/v1/open-tally");

    private VoteAudit() {
    }

    /** A ballot that does not count, and why. */
    public record Refusal(String ballotId, String voter, String reason) {
    }

    /** The counted ballots (one per voter, ascending id), the refused ones, and the ones replaced by a later one. */
    public record Count(List<Ballot> counted, List<Refusal> refused, List<String> replaced) {
        public Count {
            counted = List.copyOf(counted);
            refused = List.copyOf(refused);
            replaced = List.copyOf(replaced);
        }

        public List<String> ids() {
            return counted.stream().map(Ballot::id).toList();
        }
    }

    /** Counts the ballot events of {@code p} (any order, duplicates allowed); {@code rng} only batches the checks. */
    public static Count count(Proposal p, List<Event> ballotEvents, SecureRandom rng) {
        Map<String, Ballot> valid = new LinkedHashMap<>();
        List<Refusal> refused = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> roster = new HashSet<>(p.roster());
        for (Event e : ballotEvents) {
            if (!seen.add(e.id())) {
                continue;
            }
            if (e.verify() != Verification.VALID) {
                refused.add(new Refusal(e.id(), e.pubkey(), "bad id or signature"));
                continue;
            }
            Ballot b;
            try {
                b = Ballot.of(e, p);
            } catch (VoteException ex) {
                refused.add(new Refusal(e.id(), e.pubkey(), ex.getMessage()));
                continue;
            }
            if (!roster.contains(b.voter())) {
                refused.add(new Refusal(e.id(), e.pubkey(), "the voter is not on the proposal's roster"));
            } else if (b.createdAt() > p.endsAt()) {
                refused.add(new Refusal(e.id(), e.pubkey(), "late: created at " + b.createdAt() + ", after endsAt "
                        + p.endsAt()));
            } else {
                valid.put(b.id(), b);
            }
        }
        if (p.mode() == Proposal.Mode.SECRET) {
            checkProofs(p, valid, refused, rng);
        }
        return chains(valid, refused);
    }

    private static BallotStatement statement(Proposal p, Ballot b) {
        return new BallotStatement(new BallotContext(p.id(), b.voter()), b.encrypted().orElseThrow(),
                p.options().size(), p.limit());
    }

    private static void checkProofs(Proposal p, Map<String, Ballot> valid, List<Refusal> refused, SecureRandom rng) {
        List<Ballot> all = new ArrayList<>(valid.values());
        if (all.isEmpty()) {
            return;
        }
        if (BatchVerifier.verify(p.key().publicKey(), all.stream().map(b -> statement(p, b)).toList(), rng).valid()) {
            return;
        }
        for (Ballot b : all) { // the batch failed: find every bad ballot, one by one
            BallotCheck c = BallotVerifier.verify(p.key().publicKey(), statement(p, b));
            if (!c.valid()) {
                valid.remove(b.id());
                refused.add(new Refusal(b.id(), b.voter(), "bad proof: " + c.describe()));
            }
        }
    }

    private static Count chains(Map<String, Ballot> valid, List<Refusal> refused) {
        boolean changed = true;
        while (changed) { // a ballot replacing one that is not (or no longer) valid is refused with it
            changed = false;
            for (Ballot b : new ArrayList<>(valid.values())) {
                if (b.prev().isPresent()) {
                    Ballot before = valid.get(b.prev().get());
                    if (before == null || !before.voter().equals(b.voter())) {
                        valid.remove(b.id());
                        refused.add(new Refusal(b.id(), b.voter(),
                                "replaces " + b.prev().get() + ", which is no valid earlier ballot of this voter"));
                        changed = true;
                    }
                }
            }
        }
        Map<String, List<Ballot>> byVoter = new TreeMap<>();
        for (Ballot b : valid.values()) {
            byVoter.computeIfAbsent(b.voter(), v -> new ArrayList<>()).add(b);
        }
        List<Ballot> counted = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        for (Map.Entry<String, List<Ballot>> v : byVoter.entrySet()) {
            List<Ballot> bs = v.getValue();
            long roots = bs.stream().filter(b -> b.prev().isEmpty()).count();
            Map<String, Integer> children = new HashMap<>();
            bs.forEach(b -> b.prev().ifPresent(prev -> children.merge(prev, 1, Integer::sum)));
            if (roots != 1 || children.values().stream().anyMatch(n -> n > 1)) {
                for (Ballot b : bs) {
                    refused.add(new Refusal(b.id(), b.voter(), "double vote: the voter's ballots do not form one"
                            + " chain of replacements (" + bs.size() + " ballots, " + roots + " first)"));
                }
                continue;
            }
            for (Ballot b : bs) {
                if (children.containsKey(b.id())) {
                    replaced.add(b.id());
                } else {
                    counted.add(b);
                }
            }
        }
        counted.sort(java.util.Comparator.comparing(Ballot::id));
        return new Count(counted, refused, replaced);
    }

    /** The homomorphic tally of the counted ballots of a secret vote. */
    public static Tally tally(Proposal p, Count c) {
        List<EncryptedBallot> bs = c.counted().stream().map(b -> b.encrypted().orElseThrow()).toList();
        return Tally.of(p.key().publicKey(), p.options().size(), bs);
    }

    /** The counts of an open vote. */
    public static List<Long> openCounts(Proposal p, Count c) {
        long[] n = new long[p.options().size()];
        c.counted().forEach(b -> b.choices().forEach(i -> n[i]++));
        List<Long> out = new ArrayList<>();
        for (long x : n) {
            out.add(x);
        }
        return out;
    }

    /**
     * The tally hash a freeze carries: the election package's tally hash in secret mode; in open mode a BIP-340
     * tagged hash ({@code drey/vote/v1/open-tally}) over the proposal id (UTF-8, 4-byte length first) and each
     * count (8 bytes, big endian) in option order.
     */
    public static String tallyHash(Proposal p, Count c) {
        if (p.mode() == Proposal.Mode.SECRET) {
            return tally(p, c).hashHex(p.id());
        }
        List<Long> counts = openCounts(p, c);
        byte[] pid = p.id().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(4 + pid.length + 8 * counts.size()).putInt(pid.length).put(pid);
        counts.forEach(buf::putLong);
        return Hex.encode(OPEN_TALLY.hash(buf.array()));
    }

    /** Why {@code f} is not the freeze of this count, or empty when it is exactly it. */
    public static Optional<String> checkFreeze(Proposal p, Count c, Freeze f) {
        if (!f.proposalId().equals(p.id())) {
            return Optional.of("the freeze cites another proposal");
        }
        TreeSet<String> mine = new TreeSet<>(c.ids());
        TreeSet<String> theirs = new TreeSet<>(f.ballots());
        if (!mine.equals(theirs)) {
            TreeSet<String> missing = new TreeSet<>(mine);
            missing.removeAll(theirs);
            TreeSet<String> extra = new TreeSet<>(theirs);
            extra.removeAll(mine);
            return Optional.of("the freeze does not list the counted ballots: " + missing.size() + " counted ballots"
                    + " left out" + (missing.isEmpty() ? "" : " (first " + missing.first() + ")") + ", " + extra.size()
                    + " listed that do not count" + (extra.isEmpty() ? "" : " (first " + extra.first() + ")"));
        }
        String hash = tallyHash(p, c);
        if (!hash.equals(f.tallyHash())) {
            return Optional.of("the freeze's tally hash " + f.tallyHash() + " is not the tally of its ballots ("
                    + hash + ")");
        }
        return Optional.empty();
    }

    /** The partial decryptions of a frozen tally that check, and the trustees whose did not (with why). */
    public record Partials(Map<Integer, TrusteeDecryption> valid, Map<Integer, String> culprits,
            List<String> ignored) {
    }

    /**
     * Sorts the partial decryption events of {@code p}'s freeze {@code freezeId}: a partial with a good signature
     * from the miner its trustee index belongs to, for this freeze, with every proof verifying, is valid; a
     * trustee who sent a bad one (or two different ones) is a culprit. Events naming another freeze or no trustee
     * of the key are ignored (they blame nobody: anyone can write them).
     */
    public static Partials partials(Proposal p, Tally tally, String freezeId, List<Event> events) {
        Map<Integer, TrusteeDecryption> valid = new TreeMap<>();
        Map<Integer, String> culprits = new TreeMap<>();
        List<String> ignored = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Event e : events) {
            if (!seen.add(e.id())) {
                continue;
            }
            TrusteeDecryption d;
            try {
                if (e.verify() != Verification.VALID) {
                    throw new VoteException("bad id or signature");
                }
                d = TrusteeDecryption.of(e);
            } catch (VoteException ex) {
                ignored.add(e.id() + ": " + ex.getMessage());
                continue;
            }
            int i = d.partial().trustee();
            if (!d.proposalId().equals(p.id()) || !d.freezeId().equals(freezeId)
                    || !e.pubkey().equals(p.trustees().get(i))) {
                ignored.add(e.id() + ": not a partial decryption of this freeze by trustee " + i + "'s miner");
                continue;
            }
            if (culprits.containsKey(i)) {
                continue;
            }
            Optional<String> bad = ThresholdDecryption.check(p.key(), p.id(), tally, d.partial());
            if (bad.isPresent()) {
                culprits.put(i, bad.get());
                valid.remove(i);
            } else if (valid.containsKey(i)) {
                culprits.put(i, "trustee " + i + " sent two different partial decryptions");
                valid.remove(i);
            } else {
                valid.put(i, d);
            }
        }
        return new Partials(valid, culprits, ignored);
    }

    /**
     * The counts from exactly the partials {@code used} (all valid, at least t); counts are bounded by the roster
     * size.
     *
     * @throws VoteException if fewer than t, or they do not combine
     */
    public static TallyResult combine(Proposal p, Tally tally, List<TrusteeDecryption> used) {
        List<PartialDecryption> ps = used.stream().map(TrusteeDecryption::partial).toList();
        try {
            TallyResult r = ThresholdDecryption.combine(p.key(), p.id(), tally, ps, p.roster().size());
            if (!r.culprits().isEmpty()) {
                throw new VoteException("bad partial decryptions from trustees " + r.culprits());
            }
            return r;
        } catch (ElectionException e) {
            throw new VoteException("decryption: " + e.getMessage());
        }
    }

    /**
     * Why {@code r} is not the result of this record, or empty when it is: it cites the freeze; in secret mode it
     * cites at least t partials, all valid, that combine to its tally; in open mode its tally is the count; its
     * parameter is the one the tally sets.
     */
    public static Optional<String> checkResult(Proposal p, Count c, Freeze f, List<Event> partialEvents,
            VoteResult r) {
        if (!r.proposalId().equals(p.id()) || !r.freezeId().equals(f.id())) {
            return Optional.of("the result does not cite this proposal and its freeze");
        }
        List<Long> counts;
        if (p.mode() == Proposal.Mode.OPEN) {
            counts = openCounts(p, c);
            if (!r.partials().isEmpty()) {
                return Optional.of("an open vote's result cites no partial decryptions");
            }
        } else {
            Tally tally = tally(p, c);
            Partials ps = partials(p, tally, f.id(), partialEvents);
            Map<String, TrusteeDecryption> byId = new HashMap<>();
            ps.valid().values().forEach(d -> byId.put(d.id(), d));
            List<TrusteeDecryption> used = new ArrayList<>();
            for (String id : r.partials()) {
                TrusteeDecryption d = byId.get(id);
                if (d == null) {
                    return Optional.of("the result cites partial decryption " + id + ", which is not a valid one"
                            + " of this freeze");
                }
                used.add(d);
            }
            if (used.size() < p.key().threshold()) {
                return Optional.of("the result combines " + used.size() + " partial decryptions, "
                        + p.key().threshold() + " are needed");
            }
            try {
                counts = combine(p, tally, used).counts();
            } catch (VoteException e) {
                return Optional.of(e.getMessage());
            }
        }
        if (!counts.equals(r.tally())) {
            return Optional.of("the result's tally " + r.tally() + " is not the decrypted tally " + counts);
        }
        if (!VoteResult.parameterOf(p, counts).equals(r.parameter())) {
            return Optional.of("the result's param tag is not the one its tally sets");
        }
        return Optional.empty();
    }
}
