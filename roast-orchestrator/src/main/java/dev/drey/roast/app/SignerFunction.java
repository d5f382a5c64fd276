package dev.drey.roast.app;

import dev.drey.nostr.Event;
import dev.drey.roast.Reaction;
import dev.drey.runtime.FunctionResult;
import dev.drey.runtime.NostrFunction;
import dev.drey.runtime.RecipientRelays;
import dev.drey.signer.Signer;

/** The FROST signer as a deployable function: {@link Signer#handle}, outputs routed to their recipients. */
public final class SignerFunction implements NostrFunction {
    public static final String NAME = "signer";

    private final Signer signer;
    private final RecipientRelays relays;

    public SignerFunction(Signer signer, RecipientRelays relays) {
        this.signer = signer;
        this.relays = relays;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FunctionResult handle(Event event) {
        Reaction r = signer.handle(event);
        return new FunctionResult(relays.routeAll(r.events()), r.notes());
    }
}
