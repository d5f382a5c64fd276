package dev.drey.signer;

import dev.drey.nostr.Event;
import dev.drey.roast.SignRequest;
import java.util.List;

/**
 * Which sign requests this miner agrees to sign: a small rule, or several composed with {@link #allOf}
 * (every rule must accept; the first refusal is the answer; the single-use authorisation a rule names is
 * passed on). Rules are pure functions of the request, the event that carried it and an injected clock.
 */
@FunctionalInterface
public interface SigningPolicy {
    PolicyDecision evaluate(SignRequest request, Event requestEvent);

    static SigningPolicy allOf(SigningPolicy... rules) {
        List<SigningPolicy> list = List.of(rules);
        return (request, event) -> {
            PolicyDecision.SingleUse spends = null;
            for (SigningPolicy rule : list) {
                PolicyDecision d = rule.evaluate(request, event);
                if (!d.accepted()) {
                    return d;
                }
                if (d.claim() != null) {
                    if (spends != null && !spends.equals(d.claim())) {
                        return PolicyDecision.refuse("the request would spend two authorisations");
                    }
                    spends = d.claim();
                }
            }
            return spends == null ? PolicyDecision.ACCEPT : PolicyDecision.acceptSpending(spends);
        };
    }
}
