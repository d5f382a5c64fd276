package dev.drey.relay;

import dev.drey.nostr.ClientMessage;
import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.nostr.RelayMessage;
import dev.drey.relay.store.InMemoryEventLog;
import dev.drey.relay.store.MvStoreEventIndex;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A relay over an in-memory log and index, with sessions whose output is recorded. */
final class RelayFixture implements AutoCloseable {
    static final String URL = "ws://relay.test:7447/";
    /** The client's IP address (TEST-NET-1). */
    static final String ADDRESS = "192.0.2.1";
    /** 2025-06-15, an ordinary "now" for the tests. */
    static final long NOW_MS = 1_750_000_000_000L;
    static final long NOW = NOW_MS / 1000;

    final MvStoreEventIndex index = MvStoreEventIndex.inMemory();
    final SubscriptionRegistry live = new SubscriptionRegistry();
    final InMemoryEventLog log = new InMemoryEventLog(new IndexFeed(index, live));
    final RelayConfig config;
    final Relay relay;

    RelayFixture() {
        this(defaultConfig());
    }

    RelayFixture(RelayConfig config) {
        this.config = config;
        this.relay = new Relay(config, RelayPolicies.privateRelay(config, new KeyedRateLimiter(config.limits().perKey())),
                log, index, live, Runnable::run, new SecureRandom());
    }

    static RelayConfig defaultConfig() {
        return new RelayConfig("test relay", "", java.util.Optional.empty(), java.util.Optional.empty(),
                Set.of(TestKeys.ALICE.pubkey()), List.of(RosterMember.parse(TestKeys.BOB.pubkey() + "@wss://bob.example")),
                Set.of(TestKeys.CAROL.pubkey()), true, RelayLimits.DEFAULT, URL);
    }

    Client connect() {
        return connectFrom(ADDRESS);
    }

    /** A connection from {@code address}; fails when the relay refuses it. */
    Client connectFrom(String address) {
        return new Client(address);
    }

    @Override
    public void close() {
        index.close();
    }

    /** One connection's view: what it sent and everything the relay answered. */
    final class Client {
        final RecordingOutput output = new RecordingOutput();
        final List<RelayMessage> received = output.received;
        final RelaySession session;
        long now = NOW_MS;

        Client(String address) {
            session = relay.openSession(address, output, now)
                    .orElseThrow(() -> new AssertionError("the relay refused the connection"));
        }

        String challenge() {
            return ((RelayMessage.AuthChallenge) received.get(0)).challenge();
        }

        List<RelayMessage> sendRaw(String frame) {
            int before = received.size();
            session.onText(frame, now);
            synchronized (received) {
                return List.copyOf(received.subList(before, received.size()));
            }
        }

        RelayMessage.Ok publish(Event e) {
            return onlyOk(sendRaw(new ClientMessage.EventMessage(e).toJson()));
        }

        RelayMessage.Ok auth(Event e) {
            return onlyOk(sendRaw(new ClientMessage.Auth(e).toJson()));
        }

        RelayMessage.Ok authAs(TestKeys key) {
            return auth(key.auth(URL, challenge(), NOW));
        }

        List<RelayMessage> req(String id, Filter... filters) {
            return sendRaw(new ClientMessage.Req(id, List.of(filters)).toJson());
        }

        /** The events a REQ returned before EOSE; fails unless it ended with EOSE. */
        List<Event> query(Filter... filters) {
            List<RelayMessage> out = req("q", filters);
            if (out.isEmpty() || !(out.get(out.size() - 1) instanceof RelayMessage.Eose)) {
                throw new AssertionError("expected stored events then EOSE, got " + out);
            }
            sendRaw(new ClientMessage.Close("q").toJson());
            List<Event> events = new ArrayList<>();
            for (RelayMessage m : out.subList(0, out.size() - 1)) {
                events.add(((RelayMessage.EventMessage) m).event());
            }
            return events;
        }

        List<RelayMessage> since(int mark) {
            synchronized (received) {
                return List.copyOf(received.subList(mark, received.size()));
            }
        }

        int mark() {
            synchronized (received) {
                return received.size();
            }
        }
    }

    /** An output that adds every message to {@code out} and ignores closing. */
    static RelayOutput output(List<RelayMessage> out) {
        return new RelayOutput() {
            @Override
            public void send(RelayMessage message) {
                out.add(message);
            }

            @Override
            public long queuedBytes() {
                return 0;
            }

            @Override
            public void close(String reason) {
            }
        };
    }

    static RelayMessage.Ok onlyOk(List<RelayMessage> messages) {
        if (messages.size() != 1 || !(messages.get(0) instanceof RelayMessage.Ok ok)) {
            throw new AssertionError("expected exactly one OK, got " + messages);
        }
        return ok;
    }

    static Event note(TestKeys key, long createdAt, String content) {
        return key.sign(createdAt, 1, List.of(), content);
    }
}
