package dev.drey.cli;

import dev.drey.crypto.Hex;
import dev.drey.dkg.DkgIdentity;
import dev.drey.dkg.DkgResult;
import dev.drey.dkg.DkgResults;
import dev.drey.dkg.DkgStateException;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.KeyValueStores;
import dev.drey.kv.KvConfig;
import dev.drey.miner.DtaShareEntry;
import dev.drey.nostr.Nip19;
import dev.drey.secrets.SecretKind;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code drey keyfile add --dkg-run RUN}: the share a miner's deployed {@code dkg} function stored (sealed under
 * its identity key) in the KV store, taken into the key file the other functions read. Only a run this miner saw
 * complete is taken: every member confirmed the same round-1 transcript (a run still open or failed is refused,
 * whatever the KV store holds). Only public data is reported.
 */
final class DkgExport {
    private DkgExport() {
    }

    /** Puts the run's share into {@code entries}; returns what the run was (public). */
    static Map<String, Object> into(Map<SecretKind, byte[]> entries, byte[] identityKey, String run, KvConfig kv,
            SecureRandom rng) {
        if (identityKey == null) {
            throw new CliException("the key file holds no identity-key: the DKG result is sealed under it");
        }
        if (!Hex.isLowerHex(run, 32)) {
            throw new CliException("--dkg-run must be the run id: the start request's event id (64 lowercase hex)");
        }
        DkgResult result;
        try (KeyValueStore store = KeyValueStores.open(kv)) {
            DkgResults results = new DkgResults(store, new DkgIdentity(identityKey), rng);
            result = results.load(run).orElseThrow(() -> notConfirmed(run, results.status(run), kv));
        } catch (DkgStateException e) {
            throw new CliException("DKG run " + run + " is not usable: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CliException("the KV store settings are not usable: " + e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", run);
        if (result instanceof DkgResult.Frost f) {
            entries.put(SecretKind.FROST_SHARE, f.keyPackage().signingShare().encode());
            out.put("key", "frost-share");
            String group = Hex.encode(f.publicKeyPackage().groupPublicKey().xOnly());
            out.put("groupNpub", Nip19.encodeNpub(group));
            out.put("identifier", f.keyPackage().identifier().value().toBigInteger().intValueExact());
        } else if (result instanceof DkgResult.Beacon) {
            // No key-file entry for the beacon share yet: refuse rather than write a file the functions cannot read.
            throw new CliException("DKG run " + run + " made a beacon key; its share has no key-file entry yet");
        } else if (result instanceof DkgResult.Election) {
            throw new CliException("run " + run + " made an election key: it is used by the vote function from the"
                    + " KV store and has no key-file entry");
        } else {
            DkgResult.Dta d = (DkgResult.Dta) result;
            entries.put(SecretKind.DTA_SHARE, DtaShareEntry.encode(d.share()));
            out.put("key", "dta-share");
            out.put("curve", d.share().curve().id());
            out.put("index", d.share().index());
        }
        return out;
    }

    private static CliException notConfirmed(String run, String status, KvConfig kv) {
        if (status.equals("waiting")) {
            return new CliException("no DKG result of this miner for run " + run + " in the " + kv.backend()
                    + " KV store (has the run started, and is drey.kv.* the dkg function's?)");
        }
        return new CliException("DKG run " + run + " is not confirmed at this miner (status " + status
                + "): a result is final only once all members confirmed the same round-1 transcript; wait for the"
                + " run to complete");
    }
}
