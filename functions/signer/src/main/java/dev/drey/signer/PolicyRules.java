package dev.drey.signer;

import dev.drey.crypto.Hex;
import dev.drey.nostr.Event;
import dev.drey.nostr.NostrParseException;
import dev.drey.nostr.NostrParser;
import dev.drey.nostr.Verification;
import dev.drey.roast.RoastKinds;
import dev.drey.roast.SignRequest;
import dev.drey.nostr.StrictContent;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** The building blocks of a {@link SigningPolicy}. */
public final class PolicyRules {
    private static final NostrParser PARSER = new NostrParser();
    private static final StrictContent CONTENT = new StrictContent(4096, 4, IllegalArgumentException::new);
    /** 1 to 18 digits, no sign, no leading zero: a long, compared with the maximum after parsing. */
    private static final Pattern AMOUNT = Pattern.compile("[1-9][0-9]{0,17}");
    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");

    private PolicyRules() {
    }

    /** Only these purposes are signed at all. */
    public static SigningPolicy purposeIn(Set<String> purposes) {
        Set<String> allowed = Set.copyOf(purposes);
        return (r, e) -> allowed.contains(r.purpose()) ? PolicyDecision.ACCEPT
                : PolicyDecision.refuse("purpose '" + r.purpose() + "' is not signed by this miner");
    }

    /** Only requests from these nostr keys (x-only hex). */
    public static SigningPolicy requesterIn(Set<String> requesters) {
        Set<String> allowed = Set.copyOf(requesters);
        return (r, e) -> allowed.contains(e.pubkey()) ? PolicyDecision.ACCEPT
                : PolicyDecision.refuse("requester " + e.pubkey() + " is not authorised");
    }

    /**
     * A DREY issuance (purpose {@value SignRequest#PURPOSE_ISSUANCE}) is signed only if
     * <ul>
     * <li>the request's payload is the issuance event (kind 3460, authored by the group key) whose id is the
     *     message to sign, with exactly one each of the tags {@code e} (the claim), {@code p} (the investor),
     *     {@code amount} (a positive integer without sign or leading zero, at most {@code limits.maxAmount()})
     *     and {@code unit} (one of {@code limits.units()}), and content {@code {"v":1,"month":"YYYY-MM",...}};</li>
     * <li>the authorization is the cited proof-of-life claim (kind 3450) signed by the PoL service key, naming
     *     the same investor (its one {@code p} tag), with content {@code {"month":"YYYY-MM",...}} equal to the
     *     issuance's month, created at most {@code limits.claimMaxAge()} before the signer's clock (and at most
     *     {@link IssuanceLimits#CLOCK_SKEW} after it).</li>
     * </ul>
     * The accepted decision names the claim as a single-use authorisation: the signer records it as spent and
     * refuses any other request citing it. Requests with any other purpose pass this rule untouched.
     */
    public static SigningPolicy issuanceNeedsProofOfLife(String polServicePubkey, String groupPubkey,
            IssuanceLimits limits, Clock clock) {
        if (polServicePubkey == null || groupPubkey == null || limits == null || clock == null) {
            throw new IllegalArgumentException("issuance rule: missing PoL service key, group key, limits or clock");
        }
        return (r, e) -> {
            if (!r.purpose().equals(SignRequest.PURPOSE_ISSUANCE)) {
                return PolicyDecision.ACCEPT;
            }
            Event issuance;
            Event claim;
            try {
                issuance = PARSER.parseEvent(r.payload());
            } catch (NostrParseException ex) {
                return PolicyDecision.refuse("issuance payload is not an event: " + ex.getMessage());
            }
            if (issuance.kind() != RoastKinds.DREY_ISSUANCE) {
                return PolicyDecision.refuse("issuance payload has kind " + issuance.kind() + ", not 3460");
            }
            if (!issuance.pubkey().equals(groupPubkey)) {
                return PolicyDecision.refuse("issuance is not authored by the group key");
            }
            if (!issuance.computedId().equals(Hex.encode(r.message()))) {
                return PolicyDecision.refuse("the message to sign is not the issuance's id");
            }
            String problem = issuanceTags(issuance, limits);
            if (problem != null) {
                return PolicyDecision.refuse(problem);
            }
            YearMonth month;
            try {
                Map<String, Object> content = CONTENT.parseObject(issuance.content());
                CONTENT.requireVersion(content);
                month = month(CONTENT.string(content, "month"));
            } catch (IllegalArgumentException ex) {
                return PolicyDecision.refuse("issuance " + ex.getMessage());
            }
            try {
                claim = PARSER.parseEvent(r.authorization());
            } catch (NostrParseException ex) {
                return PolicyDecision.refuse("authorization is not a proof-of-life claim event: " + ex.getMessage());
            }
            if (claim.kind() != RoastKinds.PROOF_OF_LIFE_CLAIM) {
                return PolicyDecision.refuse("authorization has kind " + claim.kind() + ", not 3450");
            }
            if (!claim.pubkey().equals(polServicePubkey)) {
                return PolicyDecision.refuse("proof-of-life claim is not signed by the PoL service key");
            }
            if (claim.verify() != Verification.VALID) {
                return PolicyDecision.refuse("proof-of-life claim has a bad id or signature");
            }
            if (!claim.id().equals(issuance.tagValues("e").get(0))) {
                return PolicyDecision.refuse("issuance cites another claim than the one given");
            }
            List<String> investor = claim.tagValues("p");
            if (investor.size() != 1 || !investor.equals(issuance.tagValues("p"))) {
                return PolicyDecision.refuse("issuance and claim do not name the same investor");
            }
            long now = clock.instant().getEpochSecond();
            if (claim.createdAt() > now + IssuanceLimits.CLOCK_SKEW.toSeconds()) {
                return PolicyDecision.refuse("proof-of-life claim is dated in the future");
            }
            if (now - claim.createdAt() > limits.claimMaxAge().toSeconds()) {
                return PolicyDecision.refuse("proof-of-life claim is older than " + limits.claimMaxAge().toDays()
                        + " days");
            }
            try {
                YearMonth claimed = month(CONTENT.string(CONTENT.parseObject(claim.content()), "month"));
                if (!claimed.equals(month)) {
                    return PolicyDecision.refuse("proof-of-life claim is for " + claimed + ", the issuance for "
                            + month);
                }
            } catch (IllegalArgumentException ex) {
                return PolicyDecision.refuse("proof-of-life claim " + ex.getMessage());
            }
            return PolicyDecision.acceptSpending(new PolicyDecision.SingleUse(claim.id(), limits.spentClaimKeep()));
        };
    }

    /**
     * A DREY issuance's amount must be the one the federation voted ({@code voted}: the latest passed result setting
     * {@code issuance-amount}, read by the host from the vote record it has seen); while no vote has set it, the
     * configured limits alone apply. Requests with any other purpose pass this rule untouched.
     */
    public static SigningPolicy issuanceAmountVoted(Supplier<OptionalLong> voted) {
        if (voted == null) {
            throw new IllegalArgumentException("voted-amount rule: missing the voted amount's source");
        }
        return (r, e) -> {
            if (!r.purpose().equals(SignRequest.PURPOSE_ISSUANCE)) {
                return PolicyDecision.ACCEPT;
            }
            OptionalLong amount = voted.get();
            if (amount.isEmpty()) {
                return PolicyDecision.ACCEPT;
            }
            Event issuance;
            try {
                issuance = PARSER.parseEvent(r.payload());
            } catch (NostrParseException ex) {
                return PolicyDecision.refuse("issuance payload is not an event: " + ex.getMessage());
            }
            List<String> amounts = issuance.tagValues("amount");
            if (amounts.size() != 1 || !amounts.get(0).equals(Long.toString(amount.getAsLong()))) {
                return PolicyDecision.refuse("issuance amount " + (amounts.size() == 1
                        ? "'" + StrictContent.clip(amounts.get(0)) + "'" : "(missing or repeated)")
                        + " is not the voted issuance-amount " + amount.getAsLong());
            }
            return PolicyDecision.ACCEPT;
        };
    }

    /** The issuance's e, p, amount and unit tags, one each, within the limits; null if fine. */
    private static String issuanceTags(Event issuance, IssuanceLimits limits) {
        for (String name : List.of("e", "p", "amount", "unit")) {
            if (issuance.tagValues(name).size() != 1) {
                return "issuance must have exactly one '" + name + "' tag";
            }
        }
        if (!Hex.isLowerHex(issuance.tagValues("e").get(0), 32)) {
            return "issuance's 'e' tag is not an event id";
        }
        if (!Hex.isLowerHex(issuance.tagValues("p").get(0), 32)) {
            return "issuance's 'p' tag is not a public key";
        }
        String amount = issuance.tagValues("amount").get(0);
        if (!AMOUNT.matcher(amount).matches() || Long.parseLong(amount) > limits.maxAmount()) {
            return "issuance amount '" + StrictContent.clip(amount) + "' is not a whole number in 1.."
                    + limits.maxAmount();
        }
        String unit = issuance.tagValues("unit").get(0);
        if (!limits.units().contains(unit)) {
            return "issuance unit '" + StrictContent.clip(unit) + "' is not one of " + new TreeSet<>(limits.units());
        }
        return null;
    }

    private static YearMonth month(String text) {
        if (!MONTH.matcher(text).matches()) {
            throw new IllegalArgumentException("content: 'month' must be YYYY-MM");
        }
        return YearMonth.parse(text);
    }
}
