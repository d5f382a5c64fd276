package dev.drey.pol;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.pairing.DtaShares;
import dev.drey.kafka.ProtocolKinds;
import dev.drey.nostr.Event;
import java.security.SecureRandom;
import java.util.List;

/**
 * The investor's PoL App: holds the app key (secp256k1, made on the device) to which miners encrypt
 * their shares; verifies and recombines client-secret and time-permit shares; turns the client secret
 * into a PIN-less token (EXTRACT_PIN); runs M-Pin with this month's permit via {@link #mpin()}.
 */
public final class PolApp {
    private final DtaFederation federation;
    private final byte[] appSecretKey;
    private final MpinClient mpin;

    public PolApp(DtaFederation federation, byte[] appSecretKey) {
        this.federation = federation;
        this.appSecretKey = appSecretKey.clone();
        this.mpin = new MpinClient(federation.curve());
        Schnorr.publicKey(this.appSecretKey); // refuses an invalid key now, not at first use
    }

    public static PolApp create(DtaFederation federation, SecureRandom rng) {
        while (true) {
            byte[] sk = new byte[32];
            rng.nextBytes(sk);
            try {
                return new PolApp(federation, sk);
            } catch (RuntimeException outOfRange) {
                // astronomically rare: retry
            }
        }
    }

    /** The x-only app public key (hex) the PoL service puts in its requests. */
    public String publicKey() {
        return Hex.encode(Schnorr.publicKey(appSecretKey));
    }

    /** The app's secret key, for the device's secure storage only. */
    public byte[] secretKey() {
        return appSecretKey.clone();
    }

    public DtaFederation federation() {
        return federation;
    }

    /** Decrypts and checks the 3431 responses to {@code requestId}; forgers are named. */
    public ShareCollector.Collected clientSecretShares(String requestId, byte[] identityHash, List<Event> responses) {
        return ShareCollector.collect(federation, appSecretKey, DtaShares.Kind.CLIENT_SECRET,
                ProtocolKinds.DTA_CLIENT_SECRET_RESPONSE, requestId, identityHash, 0, responses);
    }

    /** Decrypts and checks the 3433 responses to {@code requestId} for permit date {@code date}. */
    public ShareCollector.Collected timePermitShares(String requestId, byte[] identityHash, int date,
            List<Event> responses) {
        return ShareCollector.collect(federation, appSecretKey, DtaShares.Kind.TIME_PERMIT,
                ProtocolKinds.DTA_TIME_PERMIT_RESPONSE, requestId, identityHash, date, responses);
    }

    /** The token kept on the device: client secret minus pin·H(ID) (AMCL EXTRACT_PIN, raw identity). */
    public byte[] token(byte[] rawId, int pin, byte[] clientSecret) {
        return federation.curve().mpin().extractPin(rawId, pin, clientSecret);
    }

    public MpinClient mpin() {
        return mpin;
    }
}
