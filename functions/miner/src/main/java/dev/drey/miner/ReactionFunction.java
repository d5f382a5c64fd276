package dev.drey.miner;

import dev.drey.nostr.Event;
import dev.drey.roast.Reaction;
import dev.drey.runtime.FunctionResult;
import dev.drey.runtime.NostrFunction;
import dev.drey.runtime.RecipientRelays;
import java.util.function.Function;

/**
 * A ROAST function core that answers an event with a {@link Reaction} (the orchestrator's
 * {@code RoastOrchestrator#handle}, the signer's {@code Signer#handle}) as a deployable function: its
 * events routed to their recipients' relays, its notes kept for the log.
 */
public final class ReactionFunction implements NostrFunction {
    private final String name;
    private final Function<Event, Reaction> core;
    private final RecipientRelays relays;

    public ReactionFunction(String name, Function<Event, Reaction> core, RecipientRelays relays) {
        this.name = name;
        this.core = core;
        this.relays = relays;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FunctionResult handle(Event event) {
        Reaction r = core.apply(event);
        return new FunctionResult(relays.routeAll(r.events()), r.notes());
    }
}
