package dev.drey.cli;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.frost.Ciphersuite;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.InProcess;
import dev.drey.crypto.nip44.Nip44;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.nostr.Nip19;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What exists so far, end to end in one process: miner identities, a FROST DKG for the group key,
 * a NIP-44 message between miners, and a group-signed DREY issuance event (kind 3460) that any
 * nostr client verifies under the group key. Progress on stderr, one JSON summary on stdout.
 */
@Command(name = "demo", description = "Run the in-process demo: DKG, NIP-44, a group-signed issuance event.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--miners", defaultValue = "5", description = "number of miners (default ${DEFAULT-VALUE})")
    int miners;

    @Option(names = "--threshold", defaultValue = "3", description = "signing threshold (default ${DEFAULT-VALUE})")
    int threshold;

    private final List<Map<String, Object>> steps = new ArrayList<>();

    @Override
    public Integer call() {
        if (threshold < 2 || threshold > miners || miners > 1000) {
            throw new CliException("need 2 <= threshold <= miners <= 1000");
        }
        long start = System.nanoTime();
        SecureRandom rng = new SecureRandom();
        PrintWriter err = spec.commandLine().getErr();

        List<byte[]> identities = step(err, "identities", () -> {
            List<byte[]> keys = new ArrayList<>();
            for (int i = 0; i < miners; i++) {
                keys.add(Scalar.random(rng).encode());
            }
            return keys;
        });
        InProcess.Keys group = step(err, "dkg", () -> InProcess.dkg(Ciphersuite.BIP340, threshold, miners, rng));
        String groupKey = Hex.encode(group.publicKeyPackage().groupPublicKey().xOnly());
        err.println("drey demo: group key " + Nip19.encodeNpub(groupKey));

        String echoed = step(err, "nip44", () -> {
            byte[] from = identities.get(0);
            byte[] to = identities.get(1);
            String payload = Nip44.encrypt("{\"v\":1,\"note\":\"hello miner 2\"}",
                    Nip44.conversationKey(from, Schnorr.publicKey(to)));
            return Nip44.decrypt(payload, Nip44.conversationKey(to, Schnorr.publicKey(from)));
        });
        if (!echoed.contains("hello miner 2")) {
            throw new CliException("NIP-44 round trip failed");
        }

        List<Identifier> signers = new ArrayList<>();
        for (int i = miners - threshold + 1; i <= miners; i++) {
            signers.add(Identifier.of(i));
        }
        Event issuance = step(err, "group-sign", () -> {
            List<List<String>> tags = List.of(List.of("amount", "1000"), List.of("unit", "DREY"));
            long createdAt = System.currentTimeMillis() / 1000;
            String content = "{\"v\":1,\"purpose\":\"DREY issuance (demo)\"}";
            byte[] id = Event.computeId(groupKey, createdAt, 3460, tags, content);
            byte[] sig = InProcess.sign(Ciphersuite.BIP340, group, signers, id, rng);
            return new Event(Hex.encode(id), groupKey, createdAt, 3460, tags, content, Hex.encode(sig));
        });
        boolean valid = step(err, "verify", () -> issuance.verify().isValid());
        if (!valid) {
            throw new CliException("the group-signed event does not verify");
        }
        // A sanity check that only a group signs as the group: a single miner's key is another key.
        EventTemplate lone = new EventTemplate(issuance.createdAt(), 3460, issuance.tags(), issuance.content());
        boolean loneDiffers = !lone.sign(identities.get(0), rng).pubkey().equals(groupKey);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("groupNpub", Nip19.encodeNpub(groupKey));
        out.put("groupPublicKey", groupKey);
        out.put("threshold", threshold);
        out.put("miners", miners);
        out.put("signers", signers.stream().map(Identifier::toString).toList());
        out.put("schnorr", Schnorr.implementation());
        out.put("issuanceEvent", Json.MAPPER.convertValue(readTree(issuance.toJson()), Object.class));
        out.put("loneMinerIsNotTheGroup", loneDiffers);
        out.put("steps", steps);
        out.put("elapsedMs", (System.nanoTime() - start) / 1_000_000);
        spec.commandLine().getOut().println(Json.write(out));
        err.println("drey demo: done; the issuance event verifies under the group key.");
        return 0;
    }

    private static Object readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T step(PrintWriter err, String name, Supplier<T> work) {
        err.println("drey demo: " + name + " ...");
        err.flush();
        long t0 = System.nanoTime();
        T result = work.get();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("ok", true);
        s.put("ms", (System.nanoTime() - t0) / 1_000_000);
        steps.add(s);
        return result;
    }
}
