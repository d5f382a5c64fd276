package dev.drey.miner;

import dev.drey.nostr.Event;
import dev.drey.pol.protocol.DtaMessages;
import dev.drey.pol.protocol.ShareIssuingFunction;
import dev.drey.runtime.NostrFunction;
import dev.drey.runtime.RecipientRelays;
import java.util.ArrayList;
import java.util.List;

/**
 * The DTA or M-Pin function core ({@link ShareIssuingFunction}) as a deployable function: its responses
 * and refusals routed to the relays of their p-tagged recipient (the app key, or the PoL service).
 */
public final class ShareFunction {
    public static final String DTA = "dta-function";
    public static final String MPIN = "mpin-function";

    private ShareFunction() {
    }

    public static NostrFunction of(String name, ShareIssuingFunction core, RecipientRelays relays) {
        return new RoutedFunction(name, event -> {
            List<Event> out = core.handle(event);
            // A refusal is an answer too (published), but the operator's log should say why.
            List<String> notes = new ArrayList<>();
            for (Event e : out) {
                DtaMessages.refusalCode(e).ifPresent(code -> notes.add("refused " + event.id() + ": " + code));
            }
            return new RoutedFunction.Answer(out, notes);
        }, relays);
    }
}
