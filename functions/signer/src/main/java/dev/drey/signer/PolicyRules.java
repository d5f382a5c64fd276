package dev.drey.signer;

import dev.drey.crypto.Hex;
import dev.drey.nostr.Event;
import dev.drey.nostr.NostrParseException;
import dev.drey.nostr.NostrParser;
import dev.drey.nostr.Verification;
import dev.drey.roast.RoastKinds;
import dev.drey.roast.SignRequest;
import java.util.Optional;
import java.util.Set;

/** The building blocks of a {@link SigningPolicy}. */
public final class PolicyRules {
    private static final NostrParser PARSER = new NostrParser();

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
     * A DREY issuance (purpose {@value SignRequest#PURPOSE_ISSUANCE}) is signed only if the request's payload
     * is the issuance event (kind 3460, authored by the group key) whose id is the message to sign, and it
     * cites (an {@code e} tag) a proof-of-life claim (kind 3450) carried in the authorization, signed by the
     * configured PoL service key and naming the same investor ({@code p} tag) as the issuance.
     * Requests with any other purpose pass this rule untouched.
     */
    public static SigningPolicy issuanceNeedsProofOfLife(String polServicePubkey, String groupPubkey) {
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
            Optional<String> cited = issuance.firstTagValue("e");
            if (cited.isEmpty()) {
                return PolicyDecision.refuse("issuance cites no proof-of-life claim");
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
            if (!claim.id().equals(cited.get())) {
                return PolicyDecision.refuse("issuance cites another claim than the one given");
            }
            Optional<String> investor = issuance.firstTagValue("p");
            if (investor.isEmpty() || !investor.equals(claim.firstTagValue("p"))) {
                return PolicyDecision.refuse("issuance and claim do not name the same investor");
            }
            return PolicyDecision.ACCEPT;
        };
    }
}
