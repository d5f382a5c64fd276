package dev.drey.dta;

import dev.drey.crypto.pairing.DtaShares;
import dev.drey.crypto.pairing.MasterSecretShare;
import dev.drey.crypto.pairing.VerifiableShare;
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
 * The DTA function core: one miner acting as a Distributed Trust Authority. Input: one event from the
 * DTA topic. A client-secret request (3430) is answered with s_i·H(ID) and its DLEQ proof (3431); a
 * time-permit request (3432) with s_i·H_T(date, H(ID)) and its proof (3433); both NIP-44 encrypted to the
 * app key and p-tagged to it. A request failing {@link RequestCheck} gets a signed refusal naming the
 * reason. Other kinds (including the responses on the same topic) produce nothing.
 */
public final class DtaFunction extends ShareIssuingFunction {

    public DtaFunction(byte[] minerSecretKey, MasterSecretShare share, RequestCheck check, Clock clock,
            SecureRandom rng) {
        super(minerSecretKey, share, check, clock, rng);
    }

    /** The usual wiring: requests accepted from {@code polServiceKeys}, request ids recorded in {@code kv}. */
    public static DtaFunction create(byte[] minerSecretKey, MasterSecretShare share, Set<String> polServiceKeys,
            KeyValueStore kv, Clock clock, SecureRandom rng) {
        return new DtaFunction(minerSecretKey, share,
                requestCheck("dta", minerSecretKey, share, polServiceKeys, kv, clock), clock, rng);
    }

    @Override
    protected boolean answers(int kind) {
        return kind == ProtocolKinds.DTA_CLIENT_SECRET_REQUEST || kind == ProtocolKinds.DTA_TIME_PERMIT_REQUEST;
    }

    @Override
    protected Event respond(ShareRequest r, long now) {
        VerifiableShare issued;
        DtaShares.Kind kind;
        if (r.kind() == ProtocolKinds.DTA_CLIENT_SECRET_REQUEST) {
            kind = DtaShares.Kind.CLIENT_SECRET;
            issued = DtaShares.issueClientSecret(share, r.identityHash(), rng);
        } else {
            kind = DtaShares.Kind.TIME_PERMIT;
            issued = DtaShares.issueTimePermit(share, r.date(), r.identityHash(), rng);
        }
        return ShareResponses.encrypted(minerSecretKey, r, r.appKey(), ShareResponses.payload(r, kind, issued), now, rng);
    }
}
