package dev.drey.signer;

import dev.drey.nostr.Event;
import dev.drey.roast.SignRequest;
import java.util.List;

/**
 * Which sign requests this miner agrees to sign: a small rule, or several composed with {@link #allOf}
 * (every rule must accept; the first refusal is the answer). Rules are pure functions of the request and
 * the event that carried it.
 */
@FunctionalInterface
public interface SigningPolicy {
    PolicyDecision evaluate(SignRequest request, Event requestEvent);

    static SigningPolicy allOf(SigningPolicy... rules) {
        List<SigningPolicy> list = List.of(rules);
        return (request, event) -> {
            for (SigningPolicy rule : list) {
                PolicyDecision d = rule.evaluate(request, event);
                if (!d.accepted()) {
                    return d;
                }
            }
            return PolicyDecision.ACCEPT;
        };
    }
}
