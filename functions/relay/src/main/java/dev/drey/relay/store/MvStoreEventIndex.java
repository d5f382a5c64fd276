package dev.drey.relay.store;

import dev.drey.nostr.Event;
import dev.drey.nostr.EventAddress;
import dev.drey.nostr.Filter;
import dev.drey.nostr.KindClass;
import dev.drey.nostr.NostrParser;
import dev.drey.relay.AppliedPositions;
import dev.drey.relay.ApplyOutcome;
import dev.drey.relay.EventIndex;
import dev.drey.relay.LogPartition;
import dev.drey.relay.LogPosition;
import dev.drey.relay.QueryResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The query index in an embedded H2 MVStore file. Maps:
 * <ul>
 * <li>{@code events}: id → event JSON;</li>
 * <li>{@code keys}: ordered index keys, each ending in a <em>time key</em> (created_at inverted,
 *     then id) so an ascending scan yields newest first, ties by lowest id. Namespaces:
 *     {@code T} all events, {@code A}+author, {@code K}+kind, {@code G}+tag letter+value;</li>
 * <li>{@code addresses}: replaceable/addressable address → id of the event kept;</li>
 * <li>{@code offsets}: log partition → highest offset applied.</li>
 * </ul>
 * Writes are ordered so that any committed state is repaired by replaying the log from the
 * recorded offsets: index keys first, the event last, the offset after it; commits happen only
 * between applies, so a commit never holds half an apply.
 */
public final class MvStoreEventIndex implements EventIndex {
    private static final int COMMIT_EVERY = 1000;
    private static final long COMMIT_AFTER_NANOS = 1_000_000_000L;
    private static final String SEP = "\u0000";

    private final MVStore store;
    private final MVMap<String, String> events;
    private final MVMap<String, String> keys;
    private final MVMap<String, String> addresses;
    private final MVMap<String, Long> offsets;
    private final AppliedPositions applied = new AppliedPositions();
    private final NostrParser parser = new NostrParser(new NostrParser.Limits(64 * 1024 * 1024, 8, 20));
    private int uncommitted;
    private long lastCommitNanos = System.nanoTime();

    private MvStoreEventIndex(MVStore store) {
        this.store = store;
        this.events = store.openMap("events");
        this.keys = store.openMap("keys");
        this.addresses = store.openMap("addresses");
        this.offsets = store.openMap("offsets");
        Map<LogPartition, Long> restored = new HashMap<>();
        for (Map.Entry<String, Long> e : offsets.entrySet()) {
            int sep = e.getKey().lastIndexOf(SEP);
            restored.put(new LogPartition(e.getKey().substring(0, sep),
                    Integer.parseInt(e.getKey().substring(sep + 1))), e.getValue());
        }
        applied.restore(restored);
    }

    /** Opens (or creates) the index file {@code index.mv.db} in {@code dir}. */
    public static MvStoreEventIndex open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create index directory " + dir, e);
        }
        return new MvStoreEventIndex(new MVStore.Builder()
                .fileName(dir.resolve("index.mv.db").toString())
                .autoCommitDisabled()
                .open());
    }

    /** An index that lives in memory only (tests, devnet). */
    public static MvStoreEventIndex inMemory() {
        return new MvStoreEventIndex(new MVStore.Builder().autoCommitDisabled().open());
    }

    // ---- keys ----------------------------------------------------------------------------

    /** created_at inverted as 14 hex digits (2^53 needs 14), then the id. */
    static String timeKey(long createdAt, String id) {
        return invertedTime(createdAt) + id;
    }

    private static String invertedTime(long createdAt) {
        String h = Long.toHexString(Event.MAX_CREATED_AT - createdAt);
        return "0".repeat(14 - h.length()) + h;
    }

    private static String authorPrefix(String pubkey) {
        return "A" + pubkey;
    }

    private static String kindPrefix(int kind) {
        String h = Integer.toHexString(kind);
        return "K" + "0".repeat(4 - h.length()) + h;
    }

    /** The value's length goes first so no value's prefix can be mistaken for another value. */
    private static String tagPrefix(char letter, String value) {
        String h = Integer.toHexString(value.length());
        return "G" + letter + "0".repeat(8 - h.length()) + h + value;
    }

    private static List<String> indexKeys(Event e) {
        String tk = timeKey(e.createdAt(), e.id());
        List<String> out = new ArrayList<>(3 + e.tags().size());
        out.add("T" + tk);
        out.add(authorPrefix(e.pubkey()) + tk);
        out.add(kindPrefix(e.kind()) + tk);
        for (List<String> tag : e.tags()) {
            if (tag.size() >= 2 && tag.get(0).length() == 1 && isLetter(tag.get(0).charAt(0))) {
                out.add(tagPrefix(tag.get(0).charAt(0), tag.get(1)) + tk);
            }
        }
        return out;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    // ---- apply ---------------------------------------------------------------------------

    @Override
    public synchronized ApplyOutcome apply(Event event, LogPosition position) {
        ApplyOutcome outcome = store(event);
        offsets.merge(position.topic() + SEP + position.partition(), position.offset(), Math::max);
        maybeCommit();
        applied.advance(position);
        return outcome;
    }

    private ApplyOutcome store(Event event) {
        KindClass kc = event.kindClass();
        if (kc == KindClass.EPHEMERAL) {
            return ApplyOutcome.EPHEMERAL;
        }
        if (events.containsKey(event.id())) {
            return ApplyOutcome.DUPLICATE;
        }
        Optional<EventAddress> address = KindClass.addressOf(event);
        Event current = null;
        if (address.isPresent()) {
            String currentId = addresses.get(address.get().toString());
            current = currentId == null ? null : load(currentId);
            if (current != null && !isNewer(event, current)) {
                return ApplyOutcome.SUPERSEDED;
            }
        }
        for (String k : indexKeys(event)) {
            keys.put(k, "");
        }
        address.ifPresent(a -> addresses.put(a.toString(), event.id()));
        events.put(event.id(), event.toJson());
        if (current != null) {
            remove(current);
        }
        return ApplyOutcome.STORED;
    }

    /** NIP-01: the later created_at wins; on a tie the lowest id is kept. */
    static boolean isNewer(Event candidate, Event current) {
        return candidate.createdAt() > current.createdAt()
                || (candidate.createdAt() == current.createdAt() && candidate.id().compareTo(current.id()) < 0);
    }

    private void remove(Event e) {
        events.remove(e.id());
        for (String k : indexKeys(e)) {
            keys.remove(k);
        }
    }

    private void maybeCommit() {
        long now = System.nanoTime();
        if (++uncommitted >= COMMIT_EVERY || now - lastCommitNanos >= COMMIT_AFTER_NANOS) {
            store.commit();
            uncommitted = 0;
            lastCommitNanos = now;
        }
    }

    /** Writes everything applied so far to the file. */
    public synchronized void flush() {
        store.commit();
        uncommitted = 0;
        lastCommitNanos = System.nanoTime();
    }

    // ---- query ---------------------------------------------------------------------------

    @Override
    public QueryResult query(List<Filter> filters, Predicate<Event> visible, long maxExamined) {
        Budget budget = new Budget(maxExamined);
        TreeMap<String, Event> all = new TreeMap<>();
        for (Filter f : filters) {
            int limit = f.limit() == null ? Integer.MAX_VALUE : f.limit();
            if (limit == 0) {
                continue;
            }
            if (f.ids() != null) {
                TreeMap<String, Event> mine = new TreeMap<>();
                for (String id : f.ids()) {
                    if (!budget.take()) {
                        break;
                    }
                    Event e = load(id);
                    if (e != null && f.matches(e) && visible.test(e)) {
                        mine.put(timeKey(e.createdAt(), e.id()), e);
                    }
                }
                mine.entrySet().stream().limit(limit).forEach(e -> all.put(e.getKey(), e.getValue()));
            } else {
                scan(scanPrefixes(f), f, limit, visible, budget, all);
            }
            if (budget.exhausted) {
                break;
            }
        }
        return new QueryResult(new ArrayList<>(all.values()), budget.used, budget.exhausted);
    }

    /** Index entries a query may still read. */
    private static final class Budget {
        private final long max;
        private long used;
        private boolean exhausted;

        Budget(long max) {
            this.max = max;
        }

        boolean take() {
            if (used >= max) {
                exhausted = true;
                return false;
            }
            used++;
            return true;
        }
    }

    /** The narrowest index for a filter; every candidate is still checked against it in full. */
    private static List<String> scanPrefixes(Filter f) {
        List<String> out = new ArrayList<>();
        if (f.authors() != null) {
            f.authors().forEach(a -> out.add(authorPrefix(a)));
        } else if (!f.tags().isEmpty()) {
            Map.Entry<Character, java.util.Set<String>> smallest = null;
            for (Map.Entry<Character, java.util.Set<String>> t : f.tags().entrySet()) {
                if (smallest == null || t.getValue().size() < smallest.getValue().size()) {
                    smallest = t;
                }
            }
            char letter = smallest.getKey();
            smallest.getValue().forEach(v -> out.add(tagPrefix(letter, v)));
        } else if (f.kinds() != null) {
            f.kinds().forEach(k -> out.add(kindPrefix(k)));
        } else {
            out.add("T");
        }
        return out;
    }

    /** One prefix's newest-first cursor; {@code timeKey} is its current entry, null once past the range. */
    private final class Cursor {
        final String prefix;
        final Iterator<String> keys;
        String timeKey;

        Cursor(String prefix, Filter f) {
            this.prefix = prefix;
            this.keys = MvStoreEventIndex.this.keys.keyIterator(prefix + (f.until() == null ? "" : invertedTime(f.until())));
        }

        /** Moves to the next entry in range; false when the range (or the budget) is done. */
        boolean advance(Filter f, Budget budget) {
            timeKey = null;
            if (!keys.hasNext() || !budget.take()) {
                return false;
            }
            String key = keys.next();
            if (!key.startsWith(prefix)) {
                return false;
            }
            String tk = key.substring(prefix.length());
            long createdAt = Event.MAX_CREATED_AT - Long.parseLong(tk.substring(0, 14), 16);
            if (f.since() != null && createdAt < f.since()) {
                return false;
            }
            timeKey = tk;
            return true;
        }
    }

    /**
     * Newest-first merge of every prefix of one filter from {@code until} down to {@code since}:
     * the filter's limit counts matches across all its prefixes, so a filter naming many authors
     * reads about {@code limit} entries, not {@code limit} per author.
     */
    private void scan(List<String> prefixes, Filter f, int limit, Predicate<Event> visible, Budget budget,
            TreeMap<String, Event> into) {
        PriorityQueue<Cursor> heads = new PriorityQueue<>(Comparator.comparing((Cursor c) -> c.timeKey));
        for (String prefix : new java.util.LinkedHashSet<>(prefixes)) {
            Cursor c = new Cursor(prefix, f);
            if (c.advance(f, budget)) {
                heads.add(c);
            }
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        int found = 0;
        while (found < limit && !heads.isEmpty()) {
            Cursor c = heads.poll();
            String tk = c.timeKey;
            // An event under several prefixes (two of its tags asked for) is looked at once.
            if (seen.add(tk)) {
                Event e = load(tk.substring(14));
                if (e != null && f.matches(e) && visible.test(e)) {
                    found++;
                    into.putIfAbsent(tk, e);
                }
            }
            if (c.advance(f, budget)) {
                heads.add(c);
            }
        }
    }

    private Event load(String id) {
        String json = events.get(id);
        return json == null ? null : parser.parseEvent(json);
    }

    @Override
    public boolean contains(String eventId) {
        return events.containsKey(eventId);
    }

    @Override
    public long size() {
        return events.sizeAsLong();
    }

    @Override
    public OptionalLong appliedOffset(LogPartition partition) {
        return applied.offset(partition);
    }

    @Override
    public CompletionStage<Void> awaitApplied(Collection<LogPosition> positions) {
        return applied.await(positions);
    }

    @Override
    public boolean isReady() {
        return !store.isClosed();
    }

    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }
}
