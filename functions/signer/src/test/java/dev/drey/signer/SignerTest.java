package dev.drey.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.frost.Ciphersuite;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.InProcess;
import dev.drey.crypto.frost.Round1;
import dev.drey.crypto.frost.SigningCommitments;
import dev.drey.crypto.frost.SigningPackage;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.nostr.Verification;
import dev.drey.roast.Federation;
import dev.drey.roast.Presignature;
import dev.drey.roast.Reaction;
import dev.drey.roast.Refusal;
import dev.drey.roast.RoastCodec;
import dev.drey.roast.RoastKinds;
import dev.drey.roast.RoastMessage;
import dev.drey.roast.SessionStart;
import dev.drey.roast.SignRequest;
import dev.drey.roast.SignatureShareMessage;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signer function: nonces consumed once across restarts and replays, policy, signed refusals. */
class SignerTest {
    @TempDir
    Path dir;
    KeyValueStore kv;
    final SecureRandom rng = new SecureRandom();
    InProcess.Keys keys;
    Federation federation;
    final Map<Identifier, byte[]> nostrKeys = new TreeMap<>();
    final byte[] coordinatorKey = Scalar.random(rng).encode();
    final String coordinator = Hex.encode(Schnorr.publicKey(coordinatorKey));
    final byte[] requesterKey = Scalar.random(rng).encode();

    @BeforeEach
    void setUp() {
        kv = MvStoreKeyValueStore.open(dir.resolve("kv.mv.db"), Clock.systemUTC(), false);
        keys = InProcess.dealer(2, 3, rng);
        Map<Identifier, String> pubkeys = new TreeMap<>();
        for (Identifier id : keys.keyPackages().keySet()) {
            byte[] sk = Scalar.random(rng).encode();
            nostrKeys.put(id, sk);
            pubkeys.put(id, Hex.encode(Schnorr.publicKey(sk)));
        }
        federation = new Federation(keys.publicKeyPackage(), pubkeys);
    }

    @AfterEach
    void tearDown() {
        kv.close();
    }

    /** A fresh signer process for member {@code i} over the shared store. */
    Signer signer(int i, SigningPolicy policy) {
        Identifier id = Identifier.of(i);
        return new Signer(federation, new SignerIdentity(keys.keyPackages().get(id), nostrKeys.get(id)), policy,
                Set.of(coordinator), kv, rng, Duration.ofHours(1));
    }

    Signer signer(int i) {
        return signer(i, (r, e) -> PolicyDecision.ACCEPT);
    }

    Event request(byte[] message, String purpose, String payload, String authorization) {
        SignRequest r = new SignRequest("00".repeat(32), message, purpose, List.of(coordinator), payload, authorization);
        return RoastCodec.template(r, 1_700_000_000L, List.of()).sign(requesterKey, rng);
    }

    static RoastMessage only(Reaction r) {
        assertEquals(1, r.events().size(), r.notes().toString());
        Event e = r.events().get(0);
        assertEquals(Verification.VALID, e.verify(), "every answer is a signed event");
        return RoastCodec.decode(e);
    }

    Event sessionStart(String requestId, int session, byte[] message, List<SigningCommitments> cs) {
        SessionStart s = new SessionStart(requestId, session, new SigningPackage(cs, message));
        List<String> to = new ArrayList<>();
        for (SigningCommitments c : cs) {
            to.add(federation.pubkeyOf(c.identifier()));
        }
        return RoastCodec.template(s, 1_700_000_100L, to).sign(coordinatorKey, rng);
    }

    @Test
    void aRestartedSignerSignsOnceAndNeverReusesTheNonce() {
        byte[] message = new byte[32];
        rng.nextBytes(message);
        Event req = request(message, "test", "", "");
        Presignature p1 = (Presignature) only(signer(1).handle(req));
        // Replayed request, other process: the very same presignature event (same id), no second nonce.
        Reaction again = signer(1).handle(req);
        assertEquals(1, again.events().size());
        Presignature p1b = (Presignature) RoastCodec.decode(again.events().get(0));
        assertTrue(java.util.Arrays.equals(p1.commitments(), p1b.commitments()));

        SigningCommitments c1 = SigningCommitments.decode(Identifier.of(1), p1.commitments());
        SigningCommitments c2 = Round1.commit(Ciphersuite.BIP340, keys.keyPackages().get(Identifier.of(2)), rng)
                .commitments();
        Event start = sessionStart(req.id(), 1, message, List.of(c1, c2));
        // The signer "restarts" between presignature and share: a new instance over the same store.
        Reaction first = signer(1).handle(start);
        RoastMessage answer = only(first);
        assertTrue(answer instanceof SignatureShareMessage, answer.toString());
        SignatureShareMessage share = (SignatureShareMessage) answer;
        assertFalse(java.util.Arrays.equals(p1.commitments(), share.nextCommitments()), "a fresh presignature");
        // The same session start again (replay, duplicate delivery, another restart): the very same share event
        // (same id, a duplicate to the coordinator), never a share from another nonce.
        assertEquals(first.events(), signer(1).handle(start).events());
        // Another session start over the consumed nonce: refused, never re-signed.
        RoastMessage replay = only(signer(1).handle(sessionStart(req.id(), 2, message, List.of(c1, c2))));
        assertTrue(replay instanceof Refusal, replay.toString());
        assertEquals(2, replay.sessionId());
        assertEquals(RoastKinds.SIGNATURE_SHARE, replay.kind());
        // The fresh nonce is untouched by the refused replay.
        assertTrue(java.util.Arrays.equals(share.nextCommitments(),
                signer(1).vault().peek(req.id(), coordinator).orElseThrow().commitments().encode()));
    }

    @Test
    void concurrentDeliveriesOfOneSessionStartYieldOneShare() throws Exception {
        byte[] message = new byte[32];
        rng.nextBytes(message);
        Event req = request(message, "test", "", "");
        Presignature p1 = (Presignature) only(signer(1).handle(req));
        SigningCommitments c2 = Round1.commit(Ciphersuite.BIP340, keys.keyPackages().get(Identifier.of(2)), rng)
                .commitments();
        Event start = sessionStart(req.id(), 1, message,
                List.of(SigningCommitments.decode(Identifier.of(1), p1.commitments()), c2));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Reaction>> answers = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                Signer s = signer(1);
                answers.add(pool.submit(() -> s.handle(start)));
            }
            // Deliveries that come after the share re-send that very event (same id); those that lose the race
            // for the nonce are refused. Never two different shares.
            java.util.Set<String> shareEvents = new java.util.HashSet<>();
            for (var f : answers) {
                Reaction r = f.get();
                assertEquals(1, r.events().size());
                if (RoastCodec.decode(r.events().get(0)) instanceof SignatureShareMessage) {
                    shareEvents.add(r.events().get(0).id());
                }
            }
            assertEquals(1, shareEvents.size(), "exactly one share for one nonce");
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aSessionStartThatDoesNotMatchIsRefused() {
        byte[] message = new byte[32];
        rng.nextBytes(message);
        Event req = request(message, "test", "", "");
        Presignature p1 = (Presignature) only(signer(1).handle(req));
        SigningCommitments mine = SigningCommitments.decode(Identifier.of(1), p1.commitments());
        SigningCommitments c2 = Round1.commit(Ciphersuite.BIP340, keys.keyPackages().get(Identifier.of(2)), rng)
                .commitments();
        byte[] other = message.clone();
        other[0] ^= 1;
        RoastMessage wrongMessage = only(signer(1).handle(sessionStart(req.id(), 1, other, List.of(mine, c2))));
        assertTrue(wrongMessage instanceof Refusal r && r.reason().contains("message"), wrongMessage.toString());
        SigningCommitments notMine = Round1.commit(Ciphersuite.BIP340, keys.keyPackages().get(Identifier.of(1)), rng)
                .commitments();
        RoastMessage wrongCommitments = only(signer(1).handle(sessionStart(req.id(), 1, message, List.of(notMine, c2))));
        assertTrue(wrongCommitments instanceof Refusal r && r.reason().contains("commitments"));
        // Neither refusal spent the nonce: the right session start is still served.
        assertTrue(only(signer(1).handle(sessionStart(req.id(), 1, message, List.of(mine, c2))))
                instanceof SignatureShareMessage);
    }

    @Test
    void storedNoncesAreBoundToTheirKeyAndTamperingIsDetected() {
        Signer s = signer(1);
        NonceVault vault = s.vault();
        String req = "11".repeat(32);
        var nonces = Round1.commit(Ciphersuite.BIP340, keys.keyPackages().get(Identifier.of(1)), rng);
        assertTrue(vault.putIfAbsent(req, coordinator, 0, 1, new byte[32], nonces));
        assertFalse(vault.putIfAbsent(req, coordinator, 0, 1, new byte[32], nonces), "one outstanding nonce");
        byte[] stored = kv.get(vault.key(req, coordinator)).orElseThrow().value();
        assertFalse(Hex.encode(stored).contains(Hex.encode(nonces.hiding().encode())), "the secret is encrypted");
        // The entry moved under another coordinator's key does not decrypt.
        String other = "22".repeat(32);
        kv.putIfAbsent(vault.key(req, other), stored);
        NonceException moved = assertThrows(NonceException.class, () -> vault.consume(req, other));
        assertFalse(moved.getMessage().contains(Hex.encode(nonces.hiding().encode())));
        stored[stored.length - 1] ^= 1;
        kv.delete(vault.key(req, coordinator));
        kv.putIfAbsent(vault.key(req, coordinator), stored);
        assertThrows(NonceException.class, () -> vault.consume(req, coordinator));
        assertTrue(vault.consume(req, coordinator).isEmpty(), "a consumed entry is gone even when it was bad");
    }

    /** A PoL service, the group and a fixed clock, making claims and issuances as the PoL service and devnet do. */
    final class Issuances {
        static final long NOW = 1_700_000_000L; // 2023-11-14
        final byte[] polKey = Scalar.random(rng).encode();
        final String polPub = Hex.encode(Schnorr.publicKey(polKey));
        final String group = federation.groupPubkeyHex();
        final Clock clock = Clock.fixed(java.time.Instant.ofEpochSecond(NOW), java.time.ZoneOffset.UTC);
        final SigningPolicy policy = SigningPolicy.allOf(PolicyRules.purposeIn(Set.of(SignRequest.PURPOSE_ISSUANCE)),
                PolicyRules.issuanceNeedsProofOfLife(polPub, group, IssuanceLimits.DEFAULTS, clock));

        Event claim(String investor, long createdAt, String month) {
            return new EventTemplate(createdAt, RoastKinds.PROOF_OF_LIFE_CLAIM,
                    List.of(List.of("t", "proof-of-life"), List.of("p", investor)),
                    "{\"v\":1,\"month\":\"" + month + "\",\"authenticatedAt\":" + createdAt + "}").sign(polKey, rng);
        }

        Event claim(String investor) {
            return claim(investor, NOW - 3600, "2023-11");
        }

        /** The unsigned issuance (its id is the message) with these tags after e and p, and this month. */
        Event issuance(Event claim, long createdAt, String month, List<List<String>> more) {
            List<List<String>> tags = new ArrayList<>(List.of(List.of("e", claim.id()),
                    List.of("p", claim.firstTagValue("p").orElseThrow())));
            tags.addAll(more);
            String content = "{\"v\":1,\"purpose\":\"DREY issuance\",\"month\":\"" + month + "\"}";
            byte[] id = Event.computeId(group, createdAt, RoastKinds.DREY_ISSUANCE, tags, content);
            return new Event(Hex.encode(id), group, createdAt, RoastKinds.DREY_ISSUANCE, tags, content, "00".repeat(64));
        }

        Event issuance(Event claim, long createdAt) {
            return issuance(claim, createdAt, "2023-11", List.of(List.of("amount", "1000"), List.of("unit", "DREY")));
        }

        Event request(Event issuance, Event authorization) {
            return SignerTest.this.request(Hex.decode(issuance.id()), SignRequest.PURPOSE_ISSUANCE, issuance.toJson(),
                    authorization.toJson());
        }

        String refusal(int member, Event issuance, Event authorization) {
            RoastMessage m = only(signer(member, policy).handle(request(issuance, authorization)));
            assertTrue(m instanceof Refusal, m.toString());
            return ((Refusal) m).reason();
        }
    }

    @Test
    void anIssuanceIsSignedOnlyWithAProofOfLifeClaimFromThePolService() {
        Issuances is = new Issuances();
        Event claim = is.claim("33".repeat(32));
        Event issuance = is.issuance(claim, Issuances.NOW);

        RoastMessage ok = only(signer(1, is.policy).handle(is.request(issuance, claim)));
        assertTrue(ok instanceof Presignature, ok.toString());

        byte[] forgerKey = Scalar.random(rng).encode();
        Event forged = new EventTemplate(claim.createdAt(), RoastKinds.PROOF_OF_LIFE_CLAIM, claim.tags(),
                claim.content()).sign(forgerKey, rng);
        Reaction refused = signer(2, is.policy).handle(is.request(is.issuance(forged, Issuances.NOW), forged));
        RoastMessage m = only(refused);
        assertTrue(m instanceof Refusal r && r.reason().contains("PoL service key"), m.toString());
        assertEquals(federation.pubkeyOf(Identifier.of(2)), refused.events().get(0).pubkey(), "signed by the signer");
        assertEquals(coordinator, refused.events().get(0).firstTagValue("p").orElseThrow());

        byte[] otherMessage = Hex.decode(issuance.id());
        otherMessage[5] ^= 1;
        assertTrue(only(signer(2, is.policy).handle(request(otherMessage, SignRequest.PURPOSE_ISSUANCE,
                issuance.toJson(), claim.toJson()))) instanceof Refusal r && r.reason().contains("issuance's id"));
        assertTrue(only(signer(3, is.policy).handle(request(Hex.decode(issuance.id()), "anything", "", "")))
                instanceof Refusal);
        assertNotEquals(ok, m);
    }

    @Test
    void aProofOfLifeClaimAuthorisesOneIssuanceAndItsRedeliveryGetsTheSameAnswer() {
        Issuances is = new Issuances();
        Event claim = is.claim("44".repeat(32));
        Event first = is.request(is.issuance(claim, Issuances.NOW), claim);
        Reaction accepted = signer(1, is.policy).handle(first);
        assertTrue(only(accepted) instanceof Presignature, accepted.notes().toString());
        // The same request again (redelivery, another process): the very same presignature event (same id).
        Reaction again = signer(1, is.policy).handle(first);
        assertEquals(1, again.events().size(), again.notes().toString());
        assertEquals(accepted.events().get(0).id(), again.events().get(0).id());
        // Another issuance citing the same claim (other created_at, so another id): refused.
        String reason = is.refusal(1, is.issuance(claim, Issuances.NOW + 1), claim);
        assertTrue(reason.contains("already used by request " + first.id()), reason);
        // Each signer keeps its own record: signer 2 accepts the first request, then refuses the second.
        assertTrue(only(signer(2, is.policy).handle(first)) instanceof Presignature);
        assertTrue(is.refusal(2, is.issuance(claim, Issuances.NOW + 2), claim).contains("already used"));
    }

    @Test
    void anIssuanceIsCheckedAgainstTheClaimsAgeMonthAndThePolicysAmountsAndUnits() {
        Issuances is = new Issuances();
        String investor = "55".repeat(32);
        Event old = is.claim(investor, Issuances.NOW - Duration.ofDays(41).toSeconds(), "2023-11");
        assertTrue(is.refusal(1, is.issuance(old, Issuances.NOW), old).contains("older than 40 days"));
        Event future = is.claim(investor, Issuances.NOW + 3600, "2023-11");
        assertTrue(is.refusal(1, is.issuance(future, Issuances.NOW), future).contains("future"));
        Event october = is.claim(investor, Issuances.NOW - 3600, "2023-10");
        assertTrue(is.refusal(1, is.issuance(october, Issuances.NOW), october).contains("is for 2023-10"));

        Event claim = is.claim(investor);
        for (List<List<String>> tags : List.of(
                List.of(List.of("amount", "0"), List.of("unit", "DREY")),
                List.of(List.of("amount", "-5"), List.of("unit", "DREY")),
                List.of(List.of("amount", "1001"), List.of("unit", "DREY")),
                List.of(List.of("amount", "0100"), List.of("unit", "DREY")),
                List.of(List.of("amount", "99999999999999999999"), List.of("unit", "DREY")))) {
            assertTrue(is.refusal(1, is.issuance(claim, Issuances.NOW, "2023-11", tags), claim).contains("amount"),
                    tags.toString());
        }
        assertTrue(is.refusal(1, is.issuance(claim, Issuances.NOW, "2023-11",
                List.of(List.of("amount", "10"), List.of("unit", "BTC"))), claim).contains("unit"));
        assertTrue(is.refusal(1, is.issuance(claim, Issuances.NOW, "2023-11", List.of(List.of("amount", "10"))),
                claim).contains("exactly one 'unit'"));
        assertTrue(is.refusal(1, is.issuance(claim, Issuances.NOW, "2023-11", List.of(List.of("amount", "10"),
                List.of("amount", "20"), List.of("unit", "DREY"))), claim).contains("exactly one 'amount'"));
        assertTrue(is.refusal(1, is.issuance(claim, Issuances.NOW, "2023-11", List.of(List.of("amount", "10"),
                List.of("unit", "DREY"), List.of("p", "66".repeat(32)))), claim).contains("exactly one 'p'"));
        assertTrue(is.refusal(1, is.issuance(claim, Issuances.NOW, "2023-13", List.of(List.of("amount", "10"),
                List.of("unit", "DREY"))), claim).contains("YYYY-MM"));
        assertTrue(is.refusal(1, is.issuance(claim, Issuances.NOW, "2023-12", List.of(List.of("amount", "10"),
                List.of("unit", "DREY"))), claim).contains("the issuance for 2023-12"));
        // None of the refusals spent the claim: a valid issuance citing it is still accepted.
        assertTrue(only(signer(1, is.policy).handle(is.request(is.issuance(claim, Issuances.NOW), claim)))
                instanceof Presignature);
    }

    @Test
    void commitmentsAnsweredOnceAreNeverAnsweredAgainEvenIfTheirNonceComesBack() {
        byte[] message = new byte[32];
        rng.nextBytes(message);
        Event req = request(message, "test", "", "");
        Presignature p1 = (Presignature) only(signer(1).handle(req));
        SigningCommitments mine = SigningCommitments.decode(Identifier.of(1), p1.commitments());
        // The store as a backup taken now would hold it: the nonce entry before it is consumed.
        String nonceKey = signer(1).vault().key(req.id(), coordinator);
        byte[] snapshot = kv.get(nonceKey).orElseThrow().value();

        SigningCommitments c2 = Round1.commit(Ciphersuite.BIP340, keys.keyPackages().get(Identifier.of(2)), rng)
                .commitments();
        assertTrue(only(signer(1).handle(sessionStart(req.id(), 1, message, List.of(mine, c2))))
                instanceof SignatureShareMessage);
        // The nonce comes back (a rolled-back store, a consume the backend lost) in place of the fresh one.
        kv.delete(nonceKey);
        assertTrue(kv.putIfAbsent(nonceKey, snapshot));
        // A session start with another signing package over the same commitments: a second share would reveal
        // the secret share (two equations, one nonce). Refused, the nonce stays unused.
        SigningCommitments c3 = Round1.commit(Ciphersuite.BIP340, keys.keyPackages().get(Identifier.of(3)), rng)
                .commitments();
        RoastMessage replay = only(signer(1).handle(sessionStart(req.id(), 2, message, List.of(mine, c3))));
        assertTrue(replay instanceof Refusal r && r.reason().contains("already answered"), replay.toString());
    }

    @Test
    void aFreshNonceThatCannotBeStoredIsNeverAdvertised() {
        byte[] message = new byte[32];
        rng.nextBytes(message);
        Event req = request(message, "test", "", "");
        Presignature p1 = (Presignature) only(signer(1).handle(req));
        SigningCommitments c2 = Round1.commit(Ciphersuite.BIP340, keys.keyPackages().get(Identifier.of(2)), rng)
                .commitments();
        Event start = sessionStart(req.id(), 1, message,
                List.of(SigningCommitments.decode(Identifier.of(1), p1.commitments()), c2));
        // A store in which the slot for the next nonce is taken the moment the old one is consumed (as a
        // racing delivery of the request would take it): the put-if-absent of the fresh nonce fails.
        byte[] squatter = kv.get(signer(1).vault().key(req.id(), coordinator)).orElseThrow().value();
        KeyValueStore racing = new ForwardingStore(kv) {
            @Override
            public java.util.Optional<dev.drey.kv.Versioned> consume(String key) {
                java.util.Optional<dev.drey.kv.Versioned> v = super.consume(key);
                super.putIfAbsent(key, squatter, null);
                return v;
            }
        };
        Signer s = new Signer(federation, new SignerIdentity(keys.keyPackages().get(Identifier.of(1)),
                nostrKeys.get(Identifier.of(1))), (r, e) -> PolicyDecision.ACCEPT, Set.of(coordinator), racing, rng,
                Duration.ofHours(1));
        Reaction r = s.handle(start);
        RoastMessage m = only(r);
        assertTrue(m instanceof Refusal ref && ref.reason().contains("fresh nonce"), m.toString());
    }

    @Test
    void writesAfterTheConsumeThatFailTransientlyAreRetriedSoTheShareIsStillGiven() {
        byte[] message = new byte[32];
        rng.nextBytes(message);
        Event req = request(message, "test", "", "");
        Presignature p1 = (Presignature) only(signer(1).handle(req));
        SigningCommitments c2 = Round1.commit(Ciphersuite.BIP340, keys.keyPackages().get(Identifier.of(2)), rng)
                .commitments();
        Event start = sessionStart(req.id(), 1, message,
                List.of(SigningCommitments.decode(Identifier.of(1), p1.commitments()), c2));
        // Every write after the consume fails twice (a backend timing out) before it goes through: before, the
        // exception left the nonce consumed and the redelivered session start could only be refused.
        java.util.concurrent.atomic.AtomicBoolean consumed = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        KeyValueStore flaky = new ForwardingStore(kv) {
            @Override
            public java.util.Optional<dev.drey.kv.Versioned> consume(String key) {
                java.util.Optional<dev.drey.kv.Versioned> v = super.consume(key);
                consumed.set(true);
                return v;
            }

            @Override
            public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
                if (consumed.get() && failures.getAndIncrement() % 3 != 2) {
                    throw new dev.drey.kv.KvTransientException("injected: write of " + key + " timed out");
                }
                return super.putIfAbsent(key, value, ttl);
            }
        };
        Signer s = new Signer(federation, new SignerIdentity(keys.keyPackages().get(Identifier.of(1)),
                nostrKeys.get(Identifier.of(1))), (r, e) -> PolicyDecision.ACCEPT, Set.of(coordinator), flaky, kv,
                rng, Duration.ofHours(1));
        Reaction first = s.handle(start);
        RoastMessage m = only(first);
        assertTrue(m instanceof SignatureShareMessage, m.toString());
        assertTrue(failures.get() >= 4, "the injected failures happened: " + failures.get());
        // the redelivery gets the very same answer, and the advertised next nonce is held
        assertEquals(first.events().get(0).id(), s.handle(start).events().get(0).id());
        assertTrue(signer(1).vault().peek(req.id(), coordinator).isPresent());
    }

    /** A store that passes every call on; tests override one method to inject a fault. */
    static class ForwardingStore implements KeyValueStore {
        private final KeyValueStore inner;

        ForwardingStore(KeyValueStore inner) {
            this.inner = inner;
        }

        @Override
        public java.util.Optional<dev.drey.kv.Versioned> get(String key) {
            return inner.get(key);
        }

        @Override
        public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
            return inner.putIfAbsent(key, value, ttl);
        }

        @Override
        public java.util.OptionalLong compareAndSet(String key, long expectedVersion, byte[] newValue, Duration ttl) {
            return inner.compareAndSet(key, expectedVersion, newValue, ttl);
        }

        @Override
        public java.util.Optional<dev.drey.kv.Versioned> consume(String key) {
            return inner.consume(key);
        }

        @Override
        public boolean delete(String key) {
            return inner.delete(key);
        }

        @Override
        public void close() {
        }
    }
}
