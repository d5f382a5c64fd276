package dev.drey.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.nostr.Nip19;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RelayConfigTest {

    @Test
    void keysInHexOrNpubEitherCase() {
        String hex = TestKeys.ALICE.pubkey();
        assertEquals(hex, PublicKeys.parse(hex));
        assertEquals(hex, PublicKeys.parse(" " + hex.toUpperCase() + " "));
        assertEquals(hex, PublicKeys.parse(Nip19.encodeNpub(hex)));
    }

    @Test
    void badKeysAreNamed() {
        for (String bad : List.of("", "abc", "npub1xyz", TestKeys.ALICE.pubkey() + "00", "nsec1" + "q".repeat(58))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PublicKeys.parse(bad));
            assertTrue(e.getMessage().contains("npub") || e.getMessage().contains("hex"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> PublicKeys.parse(null));
    }

    @Test
    void rosterEntriesWithAndWithoutRelay() {
        RosterMember plain = RosterMember.parse(Nip19.encodeNpub(TestKeys.BOB.pubkey()));
        assertEquals(new RosterMember(TestKeys.BOB.pubkey(), Optional.empty()), plain);
        RosterMember withRelay = RosterMember.parse(TestKeys.BOB.pubkey() + "@wss://bob.example:7447");
        assertEquals(Optional.of("wss://bob.example:7447"), withRelay.relayUrl());
        assertThrows(IllegalArgumentException.class, () -> RosterMember.parse(TestKeys.BOB.pubkey() + "@http://x"));
        assertThrows(IllegalArgumentException.class, () -> RosterMember.parse(" "));
    }

    @Test
    void allowedKeysAreTheUnionOfAllowListRosterAndServiceKeys() {
        RelayConfig c = RelayFixture.defaultConfig();
        assertEquals(Set.of(TestKeys.ALICE.pubkey(), TestKeys.BOB.pubkey(), TestKeys.CAROL.pubkey()), c.allowedKeys());
    }

    @Test
    void limitsAreChecked() {
        RelayLimits d = RelayLimits.DEFAULT;
        assertThrows(IllegalArgumentException.class, () -> new RelayLimits(100, d.maxEventTags(), d.maxContentLength(),
                d.maxSubscriptions(), d.maxFilters(), d.maxLimit(), d.defaultLimit(), d.createdAtPastSeconds(),
                d.createdAtFutureSeconds(), d.protocolCreatedAtPastSeconds(),
                d.protocolCreatedAtFutureSeconds(), d.perConnection(), d.perKey(), d.catchUpTimeoutMillis()));
        assertThrows(IllegalArgumentException.class, () -> new RelayLimits(d.maxMessageBytes(), d.maxEventTags(),
                d.maxContentLength(), d.maxSubscriptions(), d.maxFilters(), 10, 20, d.createdAtPastSeconds(),
                d.createdAtFutureSeconds(), d.protocolCreatedAtPastSeconds(),
                d.protocolCreatedAtFutureSeconds(), d.perConnection(), d.perKey(), d.catchUpTimeoutMillis()));
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(1, 0));
    }

    @Test
    void tokenBucketRefillsWithTimeAndIgnoresClockSteps() {
        TokenBucket b = new TokenBucket(new RateLimit(2, 2), 1000);
        assertTrue(b.tryTake(1000));
        assertTrue(b.tryTake(1000));
        assertEquals(false, b.tryTake(1000));
        assertEquals(false, b.tryTake(1499));
        assertTrue(b.tryTake(1500));
        // A clock stepping back neither mints nor takes tokens.
        assertEquals(false, b.tryTake(0));
        assertTrue(b.isFull(10_000));
    }
}
