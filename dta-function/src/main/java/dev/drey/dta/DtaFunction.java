package dev.drey.dta;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.pairing.DtaShares;
import dev.drey.crypto.pairing.MasterSecretShare;
import dev.drey.crypto.pairing.VerifiableShare;
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
 * The DTA function core: one miner acting as a Distributed Trust Authority. Input: one event from the
 * DTA topic. A client-secret request (3430) is answered with s_i·H(ID) and its DLEQ proof (3431); a
 * time-permit request (3432) with s_i·H_T(date, H(ID)) and its proof (3433); both NIP-44 encrypted to the
 * app key and p-tagged to it. A request failing {@link RequestCheck} gets a signed refusal naming the
 * reason. Other kinds (including the responses on the same topic) produce nothing.
 */
public final class DtaFunction {
    private final byte[] minerSecretKey;
    private final MasterSecretShare share;
    private final RequestCheck check;
    private final Clock clock;
    private final SecureRandom rng;

    public DtaFunction(byte[] minerSecretKey, MasterSecretShare share, RequestCheck check, Clock clock,
            SecureRandom rng) {
        this.minerSecretKey = minerSecretKey.clone();
        this.share = share;
        this.check = check;
        this.clock = clock;
        this.rng = rng;
    }

    /** The usual wiring: requests accepted from {@code polServiceKeys}, request ids recorded in {@code kv}. */
    public static DtaFunction create(byte[] minerSecretKey, MasterSecretShare share, Set<String> polServiceKeys,
            KeyValueStore kv, Clock clock, SecureRandom rng) {
        String me = Hex.encode(Schnorr.publicKey(minerSecretKey));
        return new DtaFunction(minerSecretKey, share, new RequestCheck(polServiceKeys, share.curve().id(),
                share.curve().fieldBytes(), kv, clock, "dta/" + me), clock, rng);
    }

    public List<Event> handle(Event e) {
        if (e.kind() != ProtocolKinds.DTA_CLIENT_SECRET_REQUEST && e.kind() != ProtocolKinds.DTA_TIME_PERMIT_REQUEST) {
            return List.of();
        }
        long now = clock.instant().getEpochSecond();
        ShareRequest r;
        try {
            r = check.check(e);
        } catch (RequestRefusedException refused) {
            return List.of(DtaMessages.refusal(now, e, refused).sign(minerSecretKey, rng));
        }
        VerifiableShare issued;
        DtaShares.Kind kind;
        if (r.kind() == ProtocolKinds.DTA_CLIENT_SECRET_REQUEST) {
            kind = DtaShares.Kind.CLIENT_SECRET;
            issued = DtaShares.issueClientSecret(share, r.identityHash(), rng);
        } else {
            kind = DtaShares.Kind.TIME_PERMIT;
            issued = DtaShares.issueTimePermit(share, r.date(), r.identityHash(), rng);
        }
        return List.of(ShareResponses.encrypted(minerSecretKey, r, r.appKey(),
                ShareResponses.payload(r, kind, issued), now, rng));
    }
}
