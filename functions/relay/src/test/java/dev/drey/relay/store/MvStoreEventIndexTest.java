package dev.drey.relay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.relay.ApplyOutcome;
import dev.drey.relay.LogPartition;
import dev.drey.relay.LogPosition;
import dev.drey.relay.QueryResult;
import dev.drey.relay.TestKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MvStoreEventIndexTest {
    private static final long T = 1_750_000_000L;
    private final MvStoreEventIndex index = MvStoreEventIndex.inMemory();
    private long offset;

    @AfterEach
    void close() {
        index.close();
    }

    private ApplyOutcome apply(Event e) {
        return index.apply(e, new LogPosition("events", 0, offset++));
    }

    private static Event ev(TestKeys k, long createdAt, int kind, String content, List<List<String>> tags) {
        return k.sign(createdAt, kind, tags, content);
    }

    private static Event note(TestKeys k, long createdAt, String content) {
        return ev(k, createdAt, 1, content, List.of());
    }

    /** NIP-01 order: newest first, ties by lowest id. */
    private static List<Event> ordered(List<Event> events) {
        List<Event> out = new ArrayList<>(events);
        out.sort(Comparator.comparingLong(Event::createdAt).reversed().thenComparing(Event::id));
        return out;
    }

    @Test
    void newestFirstTiesByLowestIdAndLimit() {
        List<Event> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // Four events share each timestamp, so ties are common.
            Event e = note(TestKeys.values()[i % 4], T + i / 4, "n" + i);
            all.add(e);
            assertEquals(ApplyOutcome.STORED, apply(e));
        }
        List<Event> expected = ordered(all);
        assertEquals(expected, index.query(List.of(Filter.ALL)));
        assertEquals(expected.subList(0, 5), index.query(List.of(Filter.builder().limit(5).build())));
        assertEquals(List.of(), index.query(List.of(Filter.builder().limit(0).build())));
        assertEquals(12, index.size());
    }

    @Test
    void sinceAndUntilAreInclusive() {
        List<Event> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Event e = note(TestKeys.ALICE, T + i, "t" + i);
            all.add(e);
            apply(e);
        }
        List<Event> got = index.query(List.of(Filter.builder().since(T + 3).until(T + 6).build()));
        assertEquals(ordered(all.subList(3, 7)), got);
        assertEquals(List.of(all.get(5)), index.query(List.of(Filter.builder().since(T + 5).until(T + 5).build())));
        assertEquals(List.of(), index.query(List.of(Filter.builder().since(T + 6).until(T + 5).build())));
        // Limit counts from the newest match at or before until.
        assertEquals(List.of(all.get(6), all.get(5)),
                index.query(List.of(Filter.builder().authors(TestKeys.ALICE.pubkey()).until(T + 6).limit(2).build())));
    }

    @Test
    void conditionsAreAndedFiltersAreOred() {
        Event a1 = note(TestKeys.ALICE, T, "a1");
        Event a7 = ev(TestKeys.ALICE, T + 1, 7, "+", List.of(List.of("e", a1.id())));
        Event b1 = ev(TestKeys.BOB, T + 2, 1, "b1", List.of(List.of("t", "drey"), List.of("p", TestKeys.ALICE.pubkey())));
        Event c1 = ev(TestKeys.CAROL, T + 3, 1, "c1", List.of(List.of("t", "other"), List.of("t", "drey")));
        for (Event e : List.of(a1, a7, b1, c1)) {
            apply(e);
        }
        assertEquals(List.of(a1), index.query(List.of(Filter.builder().authors(TestKeys.ALICE.pubkey()).kinds(1).build())));
        assertEquals(List.of(c1, b1), index.query(List.of(Filter.builder().tag('t', "drey").build())));
        assertEquals(List.of(c1), index.query(List.of(Filter.builder().tag('t', "drey").authors(TestKeys.CAROL.pubkey()).build())));
        assertEquals(List.of(b1), index.query(List.of(Filter.builder().tag('t', "drey").tag('p', TestKeys.ALICE.pubkey()).build())));
        assertEquals(List.of(c1, b1), index.query(List.of(Filter.builder().tag('t', "other", "drey").build())));
        assertEquals(List.of(a7), index.query(List.of(Filter.builder().tag('e', a1.id()).build())));
        assertEquals(List.of(a7, a1), index.query(List.of(Filter.builder().ids(a1.id(), a7.id()).build())));
        assertEquals(List.of(a7, a1), index.query(List.of(Filter.builder().ids(a1.id(), a7.id()).kinds(1, 7).build())));
        assertEquals(List.of(a1), index.query(List.of(Filter.builder().ids(a1.id(), a7.id()).kinds(1).build())));
        // OR across filters, each with its own limit, merged in order without duplicates.
        assertEquals(List.of(c1, a7, a1), index.query(List.of(
                Filter.builder().authors(TestKeys.CAROL.pubkey()).build(),
                Filter.builder().authors(TestKeys.ALICE.pubkey()).build(),
                Filter.builder().ids(a1.id()).build())));
        assertEquals(List.of(c1, a7), index.query(List.of(
                Filter.builder().kinds(1).limit(1).build(), Filter.builder().kinds(7).limit(1).build())));
        // Empty sets match nothing, as in nostr-tools.
        assertEquals(List.of(), index.query(List.of(new Filter(null, java.util.Set.of(), null, null, null, null, null))));
        // Multi-letter tag names are not indexed as single-letter tags.
        Event odd = ev(TestKeys.BOB, T, 1, "odd", List.of(List.of("tt", "drey")));
        apply(odd);
        assertEquals(List.of(c1, b1), index.query(List.of(Filter.builder().tag('t', "drey").build())));
    }

    @Test
    void tagValuesThatArePrefixesOfOthersDoNotMix() {
        Event short1 = ev(TestKeys.ALICE, T, 1, "s", List.of(List.of("t", "ab")));
        Event long1 = ev(TestKeys.ALICE, T + 1, 1, "l", List.of(List.of("t", "abc")));
        apply(short1);
        apply(long1);
        assertEquals(List.of(short1), index.query(List.of(Filter.builder().tag('t', "ab").build())));
        assertEquals(List.of(long1), index.query(List.of(Filter.builder().tag('t', "abc").build())));
    }

    @Test
    void duplicatesAreIgnored() {
        Event e = note(TestKeys.ALICE, T, "once");
        assertEquals(ApplyOutcome.STORED, apply(e));
        assertEquals(ApplyOutcome.DUPLICATE, apply(e));
        assertEquals(List.of(e), index.query(List.of(Filter.ALL)));
    }

    @Test
    void replaceableKeepsTheNewestWhateverTheOrder() {
        Event older = ev(TestKeys.ALICE, T, 0, "{\"name\":\"old\"}", List.of());
        Event newer = ev(TestKeys.ALICE, T + 1, 0, "{\"name\":\"new\"}", List.of());
        Event bobs = ev(TestKeys.BOB, T, 0, "{\"name\":\"bob\"}", List.of());
        assertEquals(ApplyOutcome.STORED, apply(older));
        assertEquals(ApplyOutcome.STORED, apply(newer));
        assertEquals(ApplyOutcome.STORED, apply(bobs));
        assertFalse(index.contains(older.id()));
        assertEquals(List.of(newer), index.query(List.of(Filter.builder().kinds(0).authors(TestKeys.ALICE.pubkey()).build())));
        // Older never replaces newer.
        try (MvStoreEventIndex other = MvStoreEventIndex.inMemory()) {
            other.apply(newer, new LogPosition("events", 0, 0));
            assertEquals(ApplyOutcome.SUPERSEDED, other.apply(older, new LogPosition("events", 0, 1)));
            assertEquals(List.of(newer), other.query(List.of(Filter.builder().kinds(0).build())));
        }
        // Kind 3 and 10000-19999 are replaceable too.
        Event list1 = ev(TestKeys.ALICE, T, 10002, "a", List.of());
        Event list2 = ev(TestKeys.ALICE, T + 5, 10002, "b", List.of());
        apply(list2);
        assertEquals(ApplyOutcome.SUPERSEDED, apply(list1));
        assertEquals(List.of(list2), index.query(List.of(Filter.builder().kinds(10002).build())));
    }

    @Test
    void replaceableTieKeepsTheLowestId() {
        Event x = ev(TestKeys.ALICE, T, 3, "x", List.of());
        Event y = ev(TestKeys.ALICE, T, 3, "y", List.of());
        Event low = x.id().compareTo(y.id()) < 0 ? x : y;
        Event high = low == x ? y : x;
        for (List<Event> order : List.of(List.of(low, high), List.of(high, low))) {
            try (MvStoreEventIndex i = MvStoreEventIndex.inMemory()) {
                long o = 0;
                for (Event e : order) {
                    i.apply(e, new LogPosition("events", 0, o++));
                }
                assertEquals(List.of(low), i.query(List.of(Filter.builder().kinds(3).build())));
            }
        }
    }

    @Test
    void addressableIsPerDTag() {
        Event a1 = ev(TestKeys.ALICE, T, 30000, "a v1", List.of(List.of("d", "a")));
        Event a2 = ev(TestKeys.ALICE, T + 1, 30000, "a v2", List.of(List.of("d", "a")));
        Event b1 = ev(TestKeys.ALICE, T, 30000, "b v1", List.of(List.of("d", "b")));
        Event noD = ev(TestKeys.ALICE, T, 30000, "no d", List.of());
        Event emptyD = ev(TestKeys.ALICE, T + 1, 30000, "empty d", List.of(List.of("d", "")));
        for (Event e : List.of(a1, b1, a2, noD, emptyD)) {
            apply(e);
        }
        // A missing d tag counts as d="".
        assertEquals(ordered(List.of(a2, b1, emptyD)), index.query(List.of(Filter.builder().kinds(30000).build())));
        assertEquals(List.of(a2), index.query(List.of(Filter.builder().kinds(30000).tag('d', "a").build())));
    }

    @Test
    void ephemeralIsNeverStored() {
        Event e = ev(TestKeys.ALICE, T, 20000, "gone", List.of());
        assertEquals(ApplyOutcome.EPHEMERAL, apply(e));
        assertFalse(index.contains(e.id()));
        assertEquals(List.of(), index.query(List.of(Filter.ALL)));
        // Its position still counts as applied.
        assertEquals(OptionalLong.of(0), index.appliedOffset(new LogPartition("events", 0)));
    }

    @Test
    void visibilityIsAppliedBeforeTheLimit() {
        Event mine = note(TestKeys.ALICE, T, "mine");
        Event hidden = note(TestKeys.BOB, T + 1, "hidden");
        apply(mine);
        apply(hidden);
        assertEquals(List.of(mine), index.query(List.of(Filter.builder().limit(1).build()),
                e -> !e.pubkey().equals(TestKeys.BOB.pubkey()), Long.MAX_VALUE).events());
    }

    @Test
    void aFilterThatMatchesNothingStopsAtTheScanBudget() {
        for (int i = 0; i < 5000; i++) {
            apply(note(TestKeys.ALICE, T + i, "n" + i));
        }
        // Alice's author range holds 5000 notes, none of kind 7: without a budget the scan reads them all.
        Filter nothing = Filter.builder().authors(TestKeys.ALICE.pubkey()).kinds(7).build();
        QueryResult r = index.query(List.of(nothing), e -> true, 1000);
        assertEquals(List.of(), r.events());
        assertEquals(1000, r.examined());
        assertTrue(r.truncated());
        // The budget is for the whole REQ, not per filter.
        QueryResult two = index.query(List.of(nothing, nothing), e -> true, 1500);
        assertEquals(1500, two.examined());
        // A query inside its budget says so.
        QueryResult small = index.query(List.of(Filter.builder().authors(TestKeys.ALICE.pubkey()).limit(3).build()),
                e -> true, 1000);
        assertEquals(3, small.events().size());
        assertFalse(small.truncated());
    }

    @Test
    void aFilterOverSeveralPrefixesHonoursItsLimitAcrossThemAll() {
        List<Event> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            for (TestKeys k : List.of(TestKeys.ALICE, TestKeys.BOB, TestKeys.CAROL)) {
                Event e = note(k, T + i, k.name() + i);
                apply(e);
                all.add(e);
            }
        }
        Filter three = Filter.builder().authors(TestKeys.ALICE.pubkey(), TestKeys.BOB.pubkey(), TestKeys.CAROL.pubkey())
                .limit(10).build();
        QueryResult r = index.query(List.of(three), e -> true, Long.MAX_VALUE);
        assertEquals(ordered(all).subList(0, 10), r.events());
        // About the limit's worth of entries, plus one look-ahead per prefix; not 10 per author.
        assertTrue(r.examined() <= 10 + 3, "examined " + r.examined());
        // Two tag values of one event are one match.
        Event both = ev(TestKeys.ALICE, T + 500, 1, "both", List.of(List.of("t", "a"), List.of("t", "b")));
        apply(both);
        assertEquals(List.of(both), index.query(List.of(Filter.builder().tag('t', "a", "b").build())));
    }

    @Test
    void awaitAppliedCompletesWhenEveryPartitionIsReached() {
        CompletableFuture<Void> f = index.awaitApplied(List.of(new LogPosition("a", 0, 1), new LogPosition("b", 2, 0)))
                .toCompletableFuture();
        index.apply(note(TestKeys.ALICE, T, "1"), new LogPosition("a", 0, 0));
        index.apply(note(TestKeys.ALICE, T, "2"), new LogPosition("b", 2, 0));
        assertFalse(f.isDone());
        index.apply(note(TestKeys.ALICE, T, "3"), new LogPosition("a", 0, 1));
        assertTrue(f.isDone());
        assertTrue(index.awaitApplied(List.of(new LogPosition("a", 0, 0))).toCompletableFuture().isDone());
        assertTrue(index.awaitApplied(List.of()).toCompletableFuture().isDone());
    }

    @Test
    void persistsAndReopensWithItsOffsets(@TempDir Path dir) {
        List<Event> events = List.of(note(TestKeys.ALICE, T, "a"), ev(TestKeys.BOB, T + 1, 0, "{}", List.of()),
                ev(TestKeys.CAROL, T + 2, 1, "c", List.of(List.of("t", "x"))));
        try (MvStoreEventIndex file = MvStoreEventIndex.open(dir)) {
            long o = 10;
            for (Event e : events) {
                file.apply(e, new LogPosition("drey.events", 3, o++));
            }
        }
        try (MvStoreEventIndex reopened = MvStoreEventIndex.open(dir)) {
            assertEquals(ordered(events), reopened.query(List.of(Filter.ALL)));
            assertEquals(OptionalLong.of(12), reopened.appliedOffset(new LogPartition("drey.events", 3)));
            assertEquals(List.of(events.get(2)), reopened.query(List.of(Filter.builder().tag('t', "x").build())));
        }
    }

    @Test
    void replayingTheLogRebuildsTheSameIndex() {
        List<Event> log = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            TestKeys k = TestKeys.values()[i % 3];
            int kind = i % 5 == 0 ? 0 : i % 7 == 0 ? 30001 : 1;
            log.add(ev(k, T + (i * 7 % 11), kind, "e" + i, List.of(List.of("d", "x" + (i % 2)), List.of("t", "t" + (i % 4)))));
        }
        for (Event e : log) {
            apply(e);
        }
        try (MvStoreEventIndex rebuilt = MvStoreEventIndex.inMemory()) {
            long o = 0;
            for (Event e : log) {
                rebuilt.apply(e, new LogPosition("events", 0, o++));
            }
            // Replaying a second time changes nothing either.
            o = 0;
            for (Event e : log) {
                rebuilt.apply(e, new LogPosition("events", 0, o++));
            }
            for (Filter f : List.of(Filter.ALL, Filter.builder().kinds(0).build(), Filter.builder().tag('t', "t1").build(),
                    Filter.builder().kinds(30001).tag('d', "x1").build())) {
                assertEquals(index.query(List.of(f)), rebuilt.query(List.of(f)), f.toJson());
            }
            assertEquals(index.size(), rebuilt.size());
        }
    }
}
