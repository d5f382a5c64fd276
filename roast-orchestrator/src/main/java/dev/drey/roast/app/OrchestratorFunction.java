package dev.drey.roast.app;

import dev.drey.nostr.Event;
import dev.drey.roast.Reaction;
import dev.drey.roast.RoastOrchestrator;
import dev.drey.runtime.FunctionResult;
import dev.drey.runtime.NostrFunction;
import dev.drey.runtime.RecipientRelays;

/** The ROAST coordinator as a deployable function: {@link RoastOrchestrator#handle}, outputs routed to their recipients. */
public final class OrchestratorFunction implements NostrFunction {
    public static final String NAME = "roast-orchestrator";

    private final RoastOrchestrator orchestrator;
    private final RecipientRelays relays;

    public OrchestratorFunction(RoastOrchestrator orchestrator, RecipientRelays relays) {
        this.orchestrator = orchestrator;
        this.relays = relays;
    }

    @Override
    public String name() {
        return NAME;
    }

    public RoastOrchestrator orchestrator() {
        return orchestrator;
    }

    @Override
    public FunctionResult handle(Event event) {
        Reaction r = orchestrator.handle(event);
        return new FunctionResult(relays.routeAll(r.events()), r.notes());
    }
}
