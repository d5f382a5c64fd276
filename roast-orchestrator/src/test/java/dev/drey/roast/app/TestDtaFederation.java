package dev.drey.roast.app;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.pairing.MasterSecretShare;
import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.PairingCurves;
import dev.drey.crypto.pairing.PairingDealer;
import dev.drey.kv.KeyValueStore;
import dev.drey.miner.DtaShareEntry;
import dev.drey.miner.MinerFunctions;
import dev.drey.miner.ShareFunction;
import dev.drey.nostr.Event;
import dev.drey.pol.DtaFederation;
import dev.drey.pol.protocol.DtaMessages;
import dev.drey.runtime.NostrFunction;
import dev.drey.secrets.SecretBundle;
import dev.drey.secrets.SecretKind;
import dev.drey.signer.simulation.RoastSimulation;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A 2-of-3 DTA sharing on BLS12-381 (the deployed curve) from a fixed seed, so the Quarkus app under
 * test, the cold-start fixture and the tests hold the same keys: each miner's share and nostr key, the
 * PoL service key the share functions answer, an app key, and real signed share requests. The master
 * secret is known here only so tests can check what the miners' shares recombine to.
 */
final class TestDtaFederation {
    static final long SEED = 20261125L;
    static final int THRESHOLD = 2;
    static final int MINERS = 3;
    /** The identity whose client secret is requested (raw identity, hashed by the curve's M-Pin hash). */
    static final byte[] IDENTITY = "alice@example.org".getBytes(StandardCharsets.UTF_8);

    final PairingCurve curve = PairingCurves.BLS381;
    final BigInteger masterSecret;
    final PairingDealer.Dealt dealt;
    /** Miner i's nostr secret key at index i - 1 (share index i). */
    final List<byte[]> minerKeys = new ArrayList<>();
    final byte[] serviceKey;
    final String service;
    final byte[] appSecret;
    final String appKey;
    /** What the PoL app and service know of the miners ({@code ShareCollector}'s view). */
    final DtaFederation federation;

    TestDtaFederation() {
        SecureRandom rng = RoastSimulation.seeded(SEED);
        masterSecret = curve.randomScalar(rng);
        dealt = PairingDealer.split(curve, masterSecret, THRESHOLD, MINERS, rng);
        Map<String, Integer> indices = new HashMap<>();
        for (MasterSecretShare s : dealt.shares()) {
            byte[] sk = Scalar.random(rng).encode();
            minerKeys.add(sk);
            indices.put(Hex.encode(Schnorr.publicKey(sk)), s.index());
        }
        serviceKey = Scalar.random(rng).encode();
        service = Hex.encode(Schnorr.publicKey(serviceKey));
        appSecret = Scalar.random(rng).encode();
        appKey = Hex.encode(Schnorr.publicKey(appSecret));
        federation = new DtaFederation(curve, THRESHOLD, indices, dealt.publicKey());
    }

    /** Whether {@code function} is one of the two share functions (dta-function, mpin-function). */
    static boolean isShareFunction(String function) {
        return function.equals(ShareFunction.DTA) || function.equals(ShareFunction.MPIN);
    }

    MasterSecretShare share(int index) {
        return dealt.shares().get(index - 1);
    }

    String minerPubkey(int index) {
        return Hex.encode(Schnorr.publicKey(minerKeys.get(index - 1)));
    }

    /** Miner {@code index}'s key file content: its identity key and its dta-share entry. */
    SecretBundle minerSecrets(int index) {
        return new SecretBundle(Map.of(SecretKind.IDENTITY_KEY, minerKeys.get(index - 1),
                SecretKind.DTA_SHARE, DtaShareEntry.encode(share(index))));
    }

    /** The settings of a share function answering this PoL service. */
    Map<String, String> settings(String function) {
        Map<String, String> s = new HashMap<>();
        s.put(MinerFunctions.FUNCTION, function);
        s.put(MinerFunctions.POL_SERVICE_KEYS, service);
        s.put(MinerFunctions.DEFAULT_RELAYS, TestFederation.DEFAULT_RELAY);
        return s;
    }

    /** Miner {@code index}'s {@code function} built as a deployment builds it. */
    NostrFunction function(String function, int index, KeyValueStore kv, SecureRandom rng, Clock clock) {
        return MinerFunctions.create(settings(function)::get, kv, minerSecrets(index), rng, clock);
    }

    /** A random request id (32 hex characters): miners refuse a request id they have seen. */
    static String freshRequestId() {
        byte[] id = new byte[16];
        new SecureRandom().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    byte[] identityHash() {
        return curve.mpin().hashId(IDENTITY);
    }

    /**
     * A 3430 for {@link #IDENTITY}, encrypted answers to {@link #appKey}, sealed to miner {@code miner} (only it
     * answers), signed by the PoL service.
     */
    Event clientSecretRequest(String requestId, long now, long expiresAt, int miner) {
        return DtaMessages.sealedFor(DtaMessages.clientSecretRequest(now, requestId, curve.id(), identityHash(),
                appKey, expiresAt), minerPubkey(miner), serviceKey, RoastSimulation.seeded(SEED + now));
    }

    /** A 3440, answered to the PoL service itself. */
    Event serverSecretRequest(String requestId, long now, long expiresAt) {
        return DtaMessages.serverSecretRequest(now, requestId, curve.id(), expiresAt)
                .sign(serviceKey, RoastSimulation.seeded(SEED - now));
    }

    /** s·H(ID): what any threshold of client-secret shares must recombine to. */
    byte[] clientSecret() {
        return curve.g1().mul(curve.hashToG1(identityHash()), masterSecret);
    }

    /** s·Q: what any threshold of server-secret shares must recombine to. */
    byte[] serverSecret() {
        return curve.g2().mul(curve.g2().generator(), masterSecret);
    }
}
