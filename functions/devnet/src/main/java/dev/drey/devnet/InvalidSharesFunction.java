package dev.drey.devnet;

import dev.drey.kafka.OutboxRecord;
import dev.drey.nostr.Event;
import dev.drey.runtime.FunctionResult;
import dev.drey.runtime.NostrFunction;
import dev.drey.signer.simulation.InvalidShare;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** A faulty miner's signer: the real signer, whose signature shares are replaced by random ones (validly signed). */
final class InvalidSharesFunction implements NostrFunction {
    private final NostrFunction signer;
    private final byte[] identityKey;
    private final SecureRandom rng;

    InvalidSharesFunction(NostrFunction signer, byte[] identityKey, SecureRandom rng) {
        this.signer = signer;
        this.identityKey = identityKey.clone();
        this.rng = rng;
    }

    @Override
    public String name() {
        return signer.name();
    }

    @Override
    public FunctionResult handle(Event event) {
        FunctionResult real = signer.handle(event);
        List<OutboxRecord> out = new ArrayList<>();
        for (OutboxRecord r : real.outbox()) {
            out.add(new OutboxRecord(InvalidShare.corruptDeterministically(r.event(), identityKey, rng), r.relays()));
        }
        return new FunctionResult(out, real.notes());
    }
}
