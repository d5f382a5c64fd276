package dev.drey.cli;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.SecretMul;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.KeyPackage;
import dev.drey.crypto.pairing.MasterSecretShare;
import dev.drey.miner.DtaShareEntry;
import dev.drey.miner.MinerFunctions;
import dev.drey.nostr.Nip19;
import dev.drey.roast.Federation;
import dev.drey.secrets.SecretBundle;
import dev.drey.secrets.SecretKind;
import dev.drey.secrets.SecretStore;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The public face of a key file's entries, decoded as the functions decode them: the identity's npub, the
 * FROST verifying share (share·G), the DTA share's curve, index and public share (s_i·P). Never a secret.
 * With the federation file, also the member the FROST share belongs to and whether the federation lists
 * this identity for it (the signer refuses to start otherwise).
 */
record KeyfileReport(Map<String, Object> json, List<String> problems) {

    /** @param federation null when none was given */
    static KeyfileReport of(SecretBundle secrets, Federation federation) {
        Set<SecretKind> kinds = secrets.kinds();
        Map<String, Object> json = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        json.put("entries", kinds.stream().map(SecretKind::entryName).toList());
        String identityPubkey = null;
        if (kinds.contains(SecretKind.IDENTITY_KEY)) {
            byte[] sk = secrets.require(SecretKind.IDENTITY_KEY);
            Map<String, Object> identity = new LinkedHashMap<>();
            try {
                Scalar.decodeNonZero(sk);
                identityPubkey = Hex.encode(Schnorr.publicKey(sk));
                identity.put("pubkey", identityPubkey);
                identity.put("npub", Nip19.encodeNpub(identityPubkey));
            } catch (RuntimeException e) {
                problem(identity, problems, "identity-key is not a secp256k1 secret key (32 bytes, non-zero, below the order)");
            } finally {
                Arrays.fill(sk, (byte) 0);
            }
            json.put("identity", identity);
        }
        if (kinds.contains(SecretKind.FROST_SHARE)) {
            json.put("frostShare", frost(secrets, federation, identityPubkey, problems));
        }
        if (kinds.contains(SecretKind.DTA_SHARE)) {
            byte[] entry = secrets.require(SecretKind.DTA_SHARE);
            Map<String, Object> dta = new LinkedHashMap<>();
            try {
                MasterSecretShare share = DtaShareEntry.decode(entry);
                dta.put("curve", share.curve().id());
                dta.put("index", share.index());
                dta.put("publicShare", Hex.encode(share.publicShare()));
            } catch (IllegalArgumentException e) {
                problem(dta, problems, e.getMessage());
            } finally {
                Arrays.fill(entry, (byte) 0);
            }
            json.put("dtaShare", dta);
        }
        if (!problems.isEmpty()) {
            json.put("problems", problems);
        }
        return new KeyfileReport(json, List.copyOf(problems));
    }

    private static Map<String, Object> frost(SecretStore secrets, Federation federation, String identityPubkey,
            List<String> problems) {
        byte[] bytes = secrets.require(SecretKind.FROST_SHARE);
        Map<String, Object> frost = new LinkedHashMap<>();
        Scalar share;
        try {
            share = Scalar.decodeNonZero(bytes);
        } catch (RuntimeException e) {
            problem(frost, problems, "frost-share is not a non-zero secp256k1 scalar of 32 bytes");
            return frost;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        frost.put("verifyingShare", Hex.encode(SecretMul.mulG(share).encodeCompressed()));
        if (federation == null) {
            return frost;
        }
        KeyPackage key;
        try {
            // exactly the lookup the signer makes at start-up
            key = MinerFunctions.keyPackage(federation, share);
        } catch (IllegalArgumentException e) {
            problem(frost, problems, "the frost-share belongs to no member of the federation");
            return frost;
        }
        Identifier id = key.identifier();
        frost.put("member", identifier(id));
        String listed = federation.pubkeyOf(id);
        frost.put("federationPubkey", listed);
        if (identityPubkey != null && !listed.equals(identityPubkey)) {
            problem(frost, problems, "the federation lists " + listed + " for member " + id + ", not this identity key's "
                    + identityPubkey + " (the signer would refuse to start)");
        }
        return frost;
    }

    /** As the federation file writes identifiers: a number when small, else hex. */
    private static Object identifier(Identifier id) {
        BigInteger v = id.value().toBigInteger();
        return v.bitLength() < 63 ? (Object) v.longValue() : Hex.encode(id.encode());
    }

    private static void problem(Map<String, Object> entry, List<String> problems, String message) {
        entry.put("problem", message);
        problems.add(message);
    }
}
