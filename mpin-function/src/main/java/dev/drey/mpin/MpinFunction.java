package dev.drey.mpin;

import dev.drey.crypto.pairing.DtaShares;
import dev.drey.crypto.pairing.MasterSecretShare;
import dev.drey.kafka.ProtocolKinds;
import dev.drey.kv.KeyValueStore;
import dev.drey.nostr.Event;
import dev.drey.pol.protocol.RequestCheck;
import dev.drey.pol.protocol.ShareIssuingFunction;
import dev.drey.pol.protocol.ShareRequest;
import dev.drey.pol.protocol.ShareResponses;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;

/**
 * The M-Pin function core: answers the PoL service's server-secret request (3440) with s_i·Q (G2) and
 * its cross-group DLEQ proof against s_i·P, NIP-44 encrypted to the service key that signed the
 * request (3441). s_i·Q is never published in clear. Same request checks and refusals as the DTA.
 */
public final class MpinFunction extends ShareIssuingFunction {

    public MpinFunction(byte[] minerSecretKey, MasterSecretShare share, RequestCheck check, Clock clock,
            SecureRandom rng) {
        super(minerSecretKey, share, check, clock, rng);
    }

    public static MpinFunction create(byte[] minerSecretKey, MasterSecretShare share, Set<String> polServiceKeys,
            KeyValueStore kv, Clock clock, SecureRandom rng) {
        return new MpinFunction(minerSecretKey, share,
                requestCheck("mpin", minerSecretKey, share, polServiceKeys, kv, clock), clock, rng);
    }

    @Override
    protected boolean answers(int kind) {
        return kind == ProtocolKinds.MPIN_SERVER_SECRET_REQUEST;
    }

    @Override
    protected Event respond(ShareRequest r, long now) {
        return ShareResponses.encrypted(minerSecretKey, r, r.requester(),
                ShareResponses.payload(r, DtaShares.Kind.SERVER_SECRET, DtaShares.issueServerSecret(share, rng)),
                now, rng);
    }
}
