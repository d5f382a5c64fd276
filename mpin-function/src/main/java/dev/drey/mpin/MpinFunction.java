package dev.drey.mpin;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.pairing.DtaShares;
import dev.drey.crypto.pairing.MasterSecretShare;
import dev.drey.kafka.ProtocolKinds;
import dev.drey.kv.KeyValueStore;
import dev.drey.nostr.Event;
import dev.drey.pol.protocol.DtaMessages;
import dev.drey.pol.protocol.RequestCheck;
import dev.drey.pol.protocol.RequestRefusedException;
import dev.drey.pol.protocol.ShareRequest;
import dev.drey.pol.protocol.ShareResponses;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The M-Pin function core: answers the PoL service's server-secret request (3440) with s_i·Q (G2) and
 * its cross-group DLEQ proof against s_i·P, NIP-44 encrypted to the service key that signed the
 * request (3441). s_i·Q is never published in clear. Same request checks and refusals as the DTA.
 */
public final class MpinFunction {
    private final byte[] minerSecretKey;
    private final MasterSecretShare share;
    private final RequestCheck check;
    private final Clock clock;
    private final SecureRandom rng;

    public MpinFunction(byte[] minerSecretKey, MasterSecretShare share, RequestCheck check, Clock clock,
            SecureRandom rng) {
        this.minerSecretKey = minerSecretKey.clone();
        this.share = share;
        this.check = check;
        this.clock = clock;
        this.rng = rng;
    }

    public static MpinFunction create(byte[] minerSecretKey, MasterSecretShare share, Set<String> polServiceKeys,
            KeyValueStore kv, Clock clock, SecureRandom rng) {
        String me = Hex.encode(Schnorr.publicKey(minerSecretKey));
        return new MpinFunction(minerSecretKey, share, new RequestCheck(polServiceKeys, share.curve().id(),
                share.curve().fieldBytes(), kv, clock, "mpin/" + me), clock, rng);
    }

    public List<Event> handle(Event e) {
        if (e.kind() != ProtocolKinds.MPIN_SERVER_SECRET_REQUEST) {
            return List.of();
        }
        long now = clock.instant().getEpochSecond();
        ShareRequest r;
        try {
            r = check.check(e);
        } catch (RequestRefusedException refused) {
            return List.of(DtaMessages.refusal(now, e, refused).sign(minerSecretKey, rng));
        }
        return List.of(ShareResponses.encrypted(minerSecretKey, r, r.requester(),
                ShareResponses.payload(r, DtaShares.Kind.SERVER_SECRET, DtaShares.issueServerSecret(share, rng)),
                now, rng));
    }
}
