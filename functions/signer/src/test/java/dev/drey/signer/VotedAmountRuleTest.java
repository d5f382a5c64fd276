package dev.drey.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.nostr.EventTemplate;
import dev.drey.roast.RoastKinds;
import dev.drey.roast.SignRequest;
import java.security.SecureRandom;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class VotedAmountRuleTest {
    private final SecureRandom rng = new SecureRandom();

    private SignRequest issuance(String amount) {
        byte[] sk = new byte[32];
        sk[31] = 7;
        String json = new EventTemplate(100, RoastKinds.DREY_ISSUANCE, List.of(List.of("amount", amount),
                List.of("unit", "DREY")), "{}").sign(sk, rng).toJson();
        return new SignRequest("0".repeat(64), new byte[32], SignRequest.PURPOSE_ISSUANCE, List.of("11".repeat(32)),
                json, "");
    }

    @Test
    void anIssuanceMustCarryTheVotedAmountOnceAVoteSetIt() {
        AtomicReference<OptionalLong> voted = new AtomicReference<>(OptionalLong.empty());
        SigningPolicy rule = PolicyRules.issuanceAmountVoted(voted::get);
        assertTrue(rule.evaluate(issuance("1000"), null).accepted(), "no voted value: the configured limits apply");
        voted.set(OptionalLong.of(750));
        assertTrue(rule.evaluate(issuance("750"), null).accepted());
        PolicyDecision d = rule.evaluate(issuance("1000"), null);
        assertFalse(d.accepted());
        assertEquals("issuance amount '1000' is not the voted issuance-amount 750", d.reason());
        assertTrue(rule.evaluate(new SignRequest("0".repeat(64), new byte[32], "vote-result",
                List.of("11".repeat(32)), "", ""), null).accepted(), "other purposes pass untouched");
    }
}
