package dev.drey.miner;

import dev.drey.nostr.Event;
import dev.drey.roast.Reaction;
import dev.drey.runtime.FunctionResult;
import dev.drey.runtime.NostrFunction;
import dev.drey.runtime.RecipientRelays;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * A function core (one event in, signed events and log notes out) as a deployable function: its events routed
 * to their recipients' relays ({@link RecipientRelays}), its notes kept for the log. Every function a miner runs
 * is one of these: the signer and the ROAST orchestrator, the DTA and M-Pin functions, the DKG.
 */
public final class RoutedFunction implements NostrFunction {
    /** What a core made of one event. */
    public record Answer(List<Event> events, List<String> notes) {
        public Answer {
            events = List.copyOf(events);
            notes = List.copyOf(notes);
        }

        /** The answer of a ROAST core ({@code RoastOrchestrator#handle}, {@code Signer#handle}). */
        public static Answer of(Reaction r) {
            return new Answer(r.events(), r.notes());
        }
    }

    private final String name;
    private final Function<Event, Answer> core;
    private final RecipientRelays relays;
    private final LongFunction<Answer> ticker;

    public RoutedFunction(String name, Function<Event, Answer> core, RecipientRelays relays) {
        this(name, core, now -> new Answer(List.of(), List.of()), relays);
    }

    /** A core with a periodic tick ({@link NostrFunction#tick}), given the host's time in epoch seconds. */
    public RoutedFunction(String name, Function<Event, Answer> core, LongFunction<Answer> ticker,
            RecipientRelays relays) {
        this.name = name;
        this.core = core;
        this.ticker = ticker;
        this.relays = relays;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FunctionResult handle(Event event) {
        Answer a = core.apply(event);
        return new FunctionResult(relays.routeAll(a.events()), a.notes());
    }

    @Override
    public FunctionResult tick(long nowEpochSeconds) {
        Answer a = ticker.apply(nowEpochSeconds);
        return new FunctionResult(relays.routeAll(a.events()), a.notes());
    }
}
