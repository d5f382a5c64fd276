package dev.drey.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.dkg.DkgCodec;
import dev.drey.dkg.DkgKinds;
import dev.drey.dkg.DkgIdentity;
import dev.drey.dkg.DkgParticipant;
import dev.drey.dkg.DkgResult;
import dev.drey.dkg.DkgResults;
import dev.drey.dkg.KeyType;
import dev.drey.dkg.Participant;
import dev.drey.dkg.Roster;
import dev.drey.dkg.StartRequest;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.KvConfig;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.nostr.Event;
import dev.drey.secrets.SecretKind;
import dev.drey.secrets.SecretStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drey keyfile add --dkg-run}: after a real 2-of-2 FROST DKG between two miners' DKG participants, the share
 * miner A's function sealed in its KV store goes into A's key file, readable exactly as the functions read it.
 */
class KeyfileDkgRunTest {
    private static final String PASSPHRASE = "correct horse battery staple";
    private final SecureRandom rng = new SecureRandom();
    @TempDir
    Path dir;

    @Test
    void theShareADkgFunctionStoredGoesIntoTheKeyFile() throws Exception {
        byte[] a = Scalar.random(rng).encode();
        byte[] b = Scalar.random(rng).encode();
        byte[] initiator = Scalar.random(rng).encode();
        Path kvA = dir.resolve("a.mv.db");
        Roster roster = new Roster(List.of(new Participant(1, Hex.encode(Schnorr.publicKey(a))),
                new Participant(2, Hex.encode(Schnorr.publicKey(b)))));
        Event start = DkgCodec.template(new StartRequest("0".repeat(64), KeyType.FROST_BIP340, "", 2, roster),
                1_800_000_000L, roster.pubkeys()).sign(initiator, rng);
        byte[] expected;
        try (KeyValueStore storeA = MvStoreKeyValueStore.open(kvA, Clock.systemUTC(), false);
                KeyValueStore storeB = MvStoreKeyValueStore.open(dir.resolve("b.mv.db"), Clock.systemUTC(), false)) {
            Set<String> trusted = Set.of(Hex.encode(Schnorr.publicKey(initiator)));
            List<DkgParticipant> miners = List.of(new DkgParticipant(new DkgIdentity(a), trusted, storeA, rng),
                    new DkgParticipant(new DkgIdentity(b), trusted, storeB, rng));
            Deque<Event> network = new ArrayDeque<>(List.of(start));
            Set<String> delivered = new HashSet<>();
            while (!network.isEmpty()) {
                Event e = network.poll();
                if (delivered.add(e.id())) {
                    miners.forEach(m -> network.addAll(m.handle(e).events()));
                }
            }
            DkgResult.Frost result = (DkgResult.Frost) new DkgResults(storeA, new DkgIdentity(a), rng).load(start.id())
                    .orElseThrow();
            expected = result.keyPackage().signingShare().encode();
        }

        Path key = dir.resolve("miner.key");
        KeyfileCommandTest.World w = new KeyfileCommandTest.World().passphrase(PASSPHRASE);
        w.settings.put(KvConfig.PATH, kvA.toString());
        KeyfileCommandTest.Result created = KeyfileCommandTest.run(w, "keyfile", "create", "--out", key.toString(),
                "--scrypt-cost=10", "--identity-key-file", Files.writeString(dir.resolve("identity.key"), Hex.encode(a)).toString());
        assertEquals(0, created.exit(), created.err());

        KeyfileCommandTest.Result added = KeyfileCommandTest.run(w, "keyfile", "add", key.toString(), "--dkg-run",
                start.id());
        assertEquals(0, added.exit(), added.err());
        JsonNode j = added.json();
        assertEquals("frost-share", j.get("dkgRun").get("key").asText());
        assertEquals(1, j.get("dkgRun").get("identifier").asInt());
        assertTrue(j.get("dkgRun").get("groupNpub").asText().startsWith("npub1"));
        assertTrue(!added.out().contains(Hex.encode(expected)), "the share is never printed");
        byte[] inFile = SecretStores.open(Map.of(SecretStores.PATH, key.toString(), SecretStores.PASSPHRASE,
                PASSPHRASE)::get).require(SecretKind.FROST_SHARE);
        assertArrayEquals(expected, inFile);

        KeyfileCommandTest.Result unknown = KeyfileCommandTest.run(w, "keyfile", "add", key.toString(), "--dkg-run",
                "ab".repeat(32));
        assertEquals(2, unknown.exit());
        assertTrue(unknown.message().contains("no DKG result"), unknown.err());
    }

    @Test
    void aRunNotConfirmedByEveryMemberIsRefused() throws Exception {
        byte[] a = Scalar.random(rng).encode();
        byte[] b = Scalar.random(rng).encode();
        byte[] initiator = Scalar.random(rng).encode();
        Path kvA = dir.resolve("a.mv.db");
        Roster roster = new Roster(List.of(new Participant(1, Hex.encode(Schnorr.publicKey(a))),
                new Participant(2, Hex.encode(Schnorr.publicKey(b)))));
        Event start = DkgCodec.template(new StartRequest("0".repeat(64), KeyType.FROST_BIP340, "", 2, roster),
                1_800_000_000L, roster.pubkeys()).sign(initiator, rng);
        try (KeyValueStore storeA = MvStoreKeyValueStore.open(kvA, Clock.systemUTC(), false);
                KeyValueStore storeB = MvStoreKeyValueStore.open(dir.resolve("b.mv.db"), Clock.systemUTC(), false)) {
            Set<String> trusted = Set.of(Hex.encode(Schnorr.publicKey(initiator)));
            List<DkgParticipant> miners = List.of(new DkgParticipant(new DkgIdentity(a), trusted, storeA, rng),
                    new DkgParticipant(new DkgIdentity(b), trusted, storeB, rng));
            String bPubkey = Hex.encode(Schnorr.publicKey(b));
            Deque<Event> network = new ArrayDeque<>(List.of(start));
            Set<String> delivered = new HashSet<>();
            while (!network.isEmpty()) {
                Event e = network.poll();
                if (e.kind() == DkgKinds.CONFIRMATION && e.pubkey().equals(bPubkey)) {
                    continue; // B's transcript confirmation never reaches A
                }
                if (delivered.add(e.id())) {
                    miners.forEach(m -> network.addAll(m.handle(e).events()));
                }
            }
            assertEquals("round2", new DkgResults(storeA, new DkgIdentity(a), rng).status(start.id()));
        }
        Path key = dir.resolve("miner.key");
        KeyfileCommandTest.World w = new KeyfileCommandTest.World().passphrase(PASSPHRASE);
        w.settings.put(KvConfig.PATH, kvA.toString());
        KeyfileCommandTest.Result created = KeyfileCommandTest.run(w, "keyfile", "create", "--out", key.toString(),
                "--scrypt-cost=10", "--identity-key-file",
                Files.writeString(dir.resolve("identity-unconfirmed.key"), Hex.encode(a)).toString());
        assertEquals(0, created.exit(), created.err());
        KeyfileCommandTest.Result added = KeyfileCommandTest.run(w, "keyfile", "add", key.toString(), "--dkg-run",
                start.id());
        assertEquals(2, added.exit(), added.err());
        assertTrue(added.message().contains("not confirmed"), added.err());
        assertTrue(SecretStores.open(Map.of(SecretStores.PATH, key.toString(), SecretStores.PASSPHRASE,
                PASSPHRASE)::get).get(SecretKind.FROST_SHARE).isEmpty(), "no share taken into the key file");
    }
}
