package dev.drey.miner;

import dev.drey.nostr.Event;
import dev.drey.pol.protocol.DtaMessages;
import dev.drey.pol.protocol.ShareIssuingFunction;
import dev.drey.runtime.FunctionResult;
import dev.drey.runtime.NostrFunction;
import dev.drey.runtime.RecipientRelays;
import java.util.ArrayList;
import java.util.List;

/**
 * The DTA or M-Pin function core ({@link ShareIssuingFunction}) as a deployable function: its responses
 * and refusals routed to the relays of their p-tagged recipient (the app key, or the PoL service).
 */
public final class ShareFunction implements NostrFunction {
    public static final String DTA = "dta-function";
    public static final String MPIN = "mpin-function";

    private final String name;
    private final ShareIssuingFunction core;
    private final RecipientRelays relays;

    public ShareFunction(String name, ShareIssuingFunction core, RecipientRelays relays) {
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
        List<Event> out = core.handle(event);
        // A refusal is an answer too (published), but the operator's log should say why.
        List<String> notes = new ArrayList<>();
        for (Event e : out) {
            DtaMessages.refusalCode(e).ifPresent(code -> notes.add("refused " + event.id() + ": " + code));
        }
        return new FunctionResult(relays.routeAll(out), notes);
    }
}
