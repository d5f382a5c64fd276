package dev.drey.roast;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.frost.Ciphersuite;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.InProcess;
import dev.drey.crypto.frost.KeyPackage;
import dev.drey.crypto.frost.Round1;
import dev.drey.crypto.frost.Round2;
import dev.drey.crypto.frost.SigningNonces;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A federation with honest in-test signers that follow ROAST (one outstanding nonce each, a fresh
 * presignature with every share), built straight on FROST so the coordinator is tested on its own.
 */
final class TestGroup {
    final InProcess.Keys keys;
    final Federation federation;
    final RoastCoordinator coordinator;
    final String coordinatorPubkey;
    final String requestId;
    final byte[] message;
    final SignRequest request;
    private final SecureRandom rng;
    private final Map<Identifier, SigningNonces> outstanding = new HashMap<>();
    private int eventCounter;

    TestGroup(int t, int n, long seed) {
        rng = new SecureRandom();
        rng.setSeed(seed);
        keys = InProcess.dealer(t, n, rng);
        Map<Identifier, String> pubkeys = new TreeMap<>();
        for (Identifier id : keys.keyPackages().keySet()) {
            pubkeys.put(id, Hex.encode(Schnorr.publicKey(Scalar.random(rng).encode())));
        }
        federation = new Federation(keys.publicKeyPackage(), pubkeys);
        coordinator = new RoastCoordinator(federation);
        coordinatorPubkey = Hex.encode(Schnorr.publicKey(Scalar.random(rng).encode()));
        requestId = randomId();
        message = new byte[32];
        rng.nextBytes(message);
        request = new SignRequest(requestId, message, "test", List.of(coordinatorPubkey), "", "");
    }

    Identifier id(int i) {
        return Identifier.of(i);
    }

    String randomId() {
        byte[] b = new byte[32];
        rng.nextBytes(b);
        return Hex.encode(b);
    }

    /** A fresh event id for a message (tests name events by these). */
    String nextEventId() {
        eventCounter++;
        return randomId();
    }

    RoastInput.Request requestInput() {
        return new RoastInput.Request(request);
    }

    /** Signer i's first presignature (makes and keeps its nonce). */
    RoastInput.FromSigner presignature(int i) {
        SigningNonces n = Round1.commit(Ciphersuite.BIP340, key(i), rng);
        outstanding.put(id(i), n);
        return new RoastInput.FromSigner(nextEventId(), id(i), new Presignature(requestId, n.commitments().encode()));
    }

    /** Signer i's honest answer to a session start: its share and a fresh presignature. */
    RoastInput.FromSigner share(int i, SessionStart start) {
        SigningNonces used = outstanding.remove(id(i));
        if (used == null) {
            throw new IllegalStateException("signer " + i + " has no nonce");
        }
        byte[] z = Round2.sign(Ciphersuite.BIP340, start.signingPackage(), used, key(i)).encode();
        SigningNonces next = Round1.commit(Ciphersuite.BIP340, key(i), rng);
        outstanding.put(id(i), next);
        return new RoastInput.FromSigner(nextEventId(), id(i),
                new SignatureShareMessage(requestId, start.sessionId(), z, next.commitments().encode()));
    }

    /** Signer i answers with a wrong share (and a fresh presignature). */
    RoastInput.FromSigner badShare(int i, SessionStart start) {
        outstanding.remove(id(i));
        SigningNonces next = Round1.commit(Ciphersuite.BIP340, key(i), rng);
        outstanding.put(id(i), next);
        return new RoastInput.FromSigner(nextEventId(), id(i), new SignatureShareMessage(requestId, start.sessionId(),
                Scalar.random(rng).encode(), next.commitments().encode()));
    }

    KeyPackage key(int i) {
        return keys.keyPackages().get(id(i));
    }

    RunState fresh() {
        return coordinator.start(requestId, coordinatorPubkey);
    }

    boolean verifies(byte[] signature) {
        return Schnorr.verify(federation.groupKeyXOnly(), message, signature);
    }
}
