package dev.drey.adversary.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drey.adversary.NostrSocket;
import dev.drey.adversary.Outcome;
import dev.drey.adversary.Scenario;
import dev.drey.devnet.DevnetFederation;
import dev.drey.devnet.MinerNode;
import dev.drey.nostr.Event;
import dev.drey.nostr.Nip42;
import java.time.Duration;

/**
 * A rogue relay operator (or anyone on the path) keeps the NIP-42 AUTH event miner 1 sent to miner 2's relay and
 * replays it at miner 3's relay, to read and write there as miner 1. Miner 3's relay must refuse it: it answers
 * another challenge at another URL. Observed on the wire: the relay's OK to the AUTH and its answer to a REQ.
 */
public final class AuthReplay implements Scenario {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Override
    public String name() {
        return "auth-replay";
    }

    @Override
    public String expected() {
        return "a miner's AUTH event captured at one relay and replayed at another is refused, and reads stay closed";
    }

    @Override
    public Outcome run(DevnetFederation f) throws Exception {
        MinerNode victim = f.miner(1);
        MinerNode first = f.miner(2);
        MinerNode second = f.miner(3);
        Event captured;
        String atFirst;
        try (NostrSocket a = NostrSocket.open(f.http(), first.url())) {
            String challenge = challenge(a);
            captured = Nip42.authTemplate(first.url(), challenge, f.now()).sign(victim.identityKey(), f.rng());
            a.send("[\"AUTH\"," + captured.toJson() + "]");
            atFirst = a.await(fr -> fr.startsWith("[\"OK\"") && fr.contains(captured.id()), WAIT);
        }
        if (atFirst == null || !JSON.readTree(atFirst).get(2).asBoolean()) {
            return new Outcome(false, "could not capture a valid AUTH at " + first.url() + ": " + atFirst,
                    Outcome.measured());
        }
        try (NostrSocket b = NostrSocket.open(f.http(), second.url())) {
            challenge(b);
            b.send("[\"AUTH\"," + captured.toJson() + "]");
            String ok = b.await(fr -> fr.startsWith("[\"OK\"") && fr.contains(captured.id()), WAIT);
            b.send("[\"REQ\",\"replayed\",{\"#p\":[\"" + victim.pubkey + "\"]}]");
            String req = b.await(fr -> fr.contains("\"replayed\""), WAIT);
            boolean authRefused = ok != null && !JSON.readTree(ok).get(2).asBoolean();
            boolean readsClosed = req != null && req.startsWith("[\"CLOSED\"");
            return new Outcome(authRefused && readsClosed, "AUTH accepted at miner 2's relay; replayed at miner 3's:"
                    + " " + ok + "; then REQ: " + req, Outcome.measured("replayAccepted", !authRefused,
                            "readsServed", !readsClosed));
        }
    }

    private static String challenge(NostrSocket s) throws Exception {
        String frame = s.await(fr -> fr.startsWith("[\"AUTH\""), WAIT);
        if (frame == null) {
            throw new IllegalStateException("the relay sent no AUTH challenge");
        }
        JsonNode n = JSON.readTree(frame);
        return n.get(1).asText();
    }
}
