package dev.drey.adversary.scenarios;

import dev.drey.adversary.Attacks;
import dev.drey.adversary.KafkaView;
import dev.drey.adversary.Outcome;
import dev.drey.adversary.Scenario;
import dev.drey.adversary.SnapshotStore;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.SigningCommitments;
import dev.drey.crypto.frost.SigningPackage;
import dev.drey.devnet.DevnetFederation;
import dev.drey.devnet.MinerNode;
import dev.drey.nostr.Event;
import dev.drey.roast.Presignature;
import dev.drey.roast.RoastCodec;
import dev.drey.roast.RoastKinds;
import dev.drey.roast.RoastMessage;
import dev.drey.roast.SessionStart;
import dev.drey.roast.SignatureShareMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A rogue coordinator (it holds the coordinator's identity key; its own functions are stopped) and a rollback of
 * signer 1's KV store. Signer 1 presigns a message request; its store is snapshotted; the coordinator starts a
 * session and gets signer 1's share, which consumes the nonce; the store is rolled back to the snapshot (the nonce
 * is there again); the coordinator starts another session with a different signing package around the same
 * commitments of signer 1. A second share for those commitments would reveal signer 1's key share: none may come.
 */
public final class NonceRollback implements Scenario {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private SnapshotStore victimStore;

    @Override
    public String name() {
        return "nonce-rollback";
    }

    @Override
    public String expected() {
        return "after the signer's KV store is rolled back to before a nonce was consumed, a second signing package "
                + "for the same commitments gets no share (sharesWithReusedNonce 0)";
    }

    @Override
    public DevnetFederation.Builder prepare(DevnetFederation.Builder builder) {
        return builder.kvLayer((index, kv) -> {
            if (index != 1) {
                return kv;
            }
            victimStore = new SnapshotStore(kv);
            return victimStore;
        });
    }

    @Override
    public Outcome run(DevnetFederation f) {
        MinerNode coordinator = f.coordinator();
        coordinator.holdFunctions(); // the rogue coordinator acts by hand
        byte[] message = Attacks.randomMessage(f);
        Event request = Attacks.messageSignRequest(f, f.demoClientKey(), message);
        Attacks.publishEverywhere(f, f.demoClientKey(), request);
        List<MinerNode> signers = List.of(f.miner(1), f.miner(2), f.miner(3));
        Map<Identifier, SigningCommitments> commitments = new TreeMap<>();
        for (Event e : f.requesterOnCoordinator().await(ev -> ev.kind() == RoastKinds.PRESIGNATURE
                && ev.hasTag("e", request.id()) && signers.stream().anyMatch(s -> s.pubkey.equals(ev.pubkey())),
                signers.size(), WAIT)) {
            RoastMessage m = RoastCodec.decode(e);
            if (m instanceof Presignature p) {
                Identifier id = f.federation().identifierOf(e.pubkey()).orElseThrow();
                commitments.put(id, SigningCommitments.decode(id, p.commitments()));
            }
        }
        if (commitments.size() < signers.size()) {
            return new Outcome(false, "only " + commitments.size() + " presignatures arrived; cannot play the attack",
                    Outcome.measured());
        }
        victimStore.snapshot();
        List<SignatureShareMessage> first = startSession(f, request, 1, commitments.values(), message, signers);
        int restored = victimStore.rollback();
        Identifier victim = f.federation().identifierOf(signers.get(0).pubkey).orElseThrow();
        SignatureShareMessage victimShare = first.get(0);
        if (victimShare == null || first.get(1) == null && first.get(2) == null) {
            return new Outcome(false, "the first session gave no share from signer 1 (or no next commitments to "
                    + "vary the package with); cannot play the attack", Outcome.measured());
        }
        // the same commitments of signer 1; another signer's commitments replaced by its next ones: a new package
        Map<Identifier, SigningCommitments> varied = new TreeMap<>(commitments);
        Identifier third = f.federation().identifierOf(signers.get(2).pubkey).orElseThrow();
        SignatureShareMessage thirds = first.get(2);
        byte[] next = thirds != null && thirds.nextCommitments() != null ? thirds.nextCommitments()
                : first.get(1).nextCommitments();
        Identifier swapped = thirds != null && thirds.nextCommitments() != null ? third
                : f.federation().identifierOf(signers.get(1).pubkey).orElseThrow();
        varied.put(swapped, SigningCommitments.decode(swapped, next));
        List<SignatureShareMessage> second = startSession(f, request, 2, varied.values(), message,
                List.of(signers.get(0)));
        int reused = second.get(0) == null ? 0 : 1;
        return new Outcome(reused == 0, "signer 1 gave its share in session 1 (" + victim + "); its store was rolled "
                + "back (" + restored + " key(s) restored); session 2 with another package around the same "
                + "commitments: " + (reused == 0 ? "no share" : "a SECOND SHARE for the same nonce"),
                Outcome.measured("sharesWithReusedNonce", reused, "keysRolledBack", restored));
    }

    /** Sends a session start as the coordinator; each signer's share for it (null if it gave none in time). */
    private static List<SignatureShareMessage> startSession(DevnetFederation f, Event request, int session,
            java.util.Collection<SigningCommitments> commitments, byte[] message, List<MinerNode> watch) {
        SigningPackage pkg = SigningPackage.of(commitments, message);
        List<String> recipients = new ArrayList<>();
        for (SigningCommitments c : commitments) {
            recipients.add(f.federation().pubkeyOf(c.identifier()));
        }
        Event start = RoastCodec.template(new SessionStart(request.id(), session, pkg), f.now(), recipients)
                .sign(f.coordinator().identityKey(), f.rng());
        for (String r : recipients) {
            f.openClient(f.state().relayOf(r), f.coordinator().identityKey()).publish(start);
        }
        List<SignatureShareMessage> out = new ArrayList<>();
        for (MinerNode m : watch) {
            out.add(awaitShare(f, m.index, request.id(), session));
        }
        return out;
    }

    private static SignatureShareMessage awaitShare(DevnetFederation f, int miner, String requestId, int session) {
        long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (System.nanoTime() < deadline) {
            for (Event e : KafkaView.sent(f, miner, ev -> ev.kind() == RoastKinds.SIGNATURE_SHARE
                    && ev.hasTag("e", requestId))) {
                RoastMessage m = RoastCodec.decode(e);
                if (m instanceof SignatureShareMessage s && s.sessionId() == session) {
                    return s;
                }
            }
            Attacks.sleep(300);
        }
        return null;
    }
}
