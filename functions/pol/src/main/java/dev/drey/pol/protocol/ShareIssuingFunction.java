package dev.drey.pol.protocol;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.pairing.MasterSecretShare;
import dev.drey.kv.KeyValueStore;
import dev.drey.nostr.Event;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the DTA and M-Pin functions share: one miner's master-secret share, the request checks (PoL
 * service signature, expiry, replay, shape) and the signed refusal. A subclass says which kinds it
 * answers and what the answer to a checked request is.
 */
public abstract class ShareIssuingFunction {
    protected final byte[] minerSecretKey;
    protected final MasterSecretShare share;
    protected final SecureRandom rng;
    private final RequestCheck check;
    private final Clock clock;

    protected ShareIssuingFunction(byte[] minerSecretKey, MasterSecretShare share, RequestCheck check, Clock clock,
            SecureRandom rng) {
        this.minerSecretKey = minerSecretKey.clone();
        this.share = share;
        this.check = check;
        this.clock = clock;
        this.rng = rng;
    }

    /** The usual request check: accepted from {@code polServiceKeys}, request ids recorded in {@code kv} under {@code scope}/miner. */
    protected static RequestCheck requestCheck(String scope, byte[] minerSecretKey, MasterSecretShare share,
            Set<String> polServiceKeys, KeyValueStore kv, Clock clock) {
        String me = Hex.encode(Schnorr.publicKey(minerSecretKey));
        return new RequestCheck(polServiceKeys, share.curve().id(), share.curve().fieldBytes(), kv, clock,
                minerSecretKey, scope + "/" + me);
    }

    /** Whether this function answers events of this kind (others produce nothing). */
    protected abstract boolean answers(int kind);

    /** The answer to a request that passed every check. */
    protected abstract Event respond(ShareRequest request, long now);

    public final List<Event> handle(Event e) {
        if (!answers(e.kind()) || !check.addressedHere(e)) {
            return List.of(); // another kind, or a sealed request for another miner
        }
        ShareRequest r;
        try {
            check.authenticate(e);
            // Every platform redelivers: the same request event gets the very same answer (same event id, so
            // relays drop it as a duplicate), never a second share nor a replay refusal.
            Optional<Event> kept = check.storedAnswer(e.id());
            if (kept.isPresent()) {
                return List.of(kept.get());
            }
            r = check.checkAuthenticated(e);
        } catch (RequestRefusedException refused) {
            // created_at of the request, so a redelivered bad request yields the same refusal id
            return List.of(DtaMessages.refusal(e.createdAt(), e, refused).sign(minerSecretKey, rng));
        }
        return List.of(check.keepAnswer(e.id(), respond(r, clock.instant().getEpochSecond())));
    }
}
