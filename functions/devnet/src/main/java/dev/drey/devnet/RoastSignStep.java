package dev.drey.devnet;

import dev.drey.crypto.Hex;
import dev.drey.nostr.Event;
import dev.drey.roast.RoastCodec;
import dev.drey.roast.RoastKinds;
import dev.drey.roast.SignRequest;
import dev.drey.roast.SignatureResult;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** ROAST signs a DREY issuance citing a proof-of-life claim; the result is read from the coordinator's relay. */
public final class RoastSignStep {
    /** The issuance to sign (its signature still zero) and the sign request asking for it. */
    public record Issuance(Event unsigned, Event request) {
    }

    public record Signed(Event issuance, DevnetReport.Roast roast) {
        String detail() {
            return roast.sessionsStarted() + " session(s), signed in session " + roast.successfulSession()
                    + ", culprits " + roast.culprits().stream().map(c -> "miner " + c.miner()).toList();
        }
    }

    /** The amount of an issuance when no vote set one. */
    public static final long DEFAULT_AMOUNT = 1000;

    private RoastSignStep() {
    }

    /** A DREY issuance to {@code recipient} citing {@code claim}, and its sign request signed by {@code requesterSk}. */
    public static Issuance issuance(DevnetFederation f, Event claim, String recipient, byte[] requesterSk) {
        return issuance(f, claim, recipient, requesterSk, DEFAULT_AMOUNT);
    }

    /** As {@link #issuance(DevnetFederation, Event, String, byte[])}, for {@code amount} DREY. */
    public static Issuance issuance(DevnetFederation f, Event claim, String recipient, byte[] requesterSk,
            long amount) {
        String group = f.federation().groupPubkeyHex();
        long createdAt = f.now();
        List<List<String>> tags = List.of(List.of("e", claim.id()), List.of("p", recipient),
                List.of("amount", Long.toString(amount)), List.of("unit", "DREY"));
        String content = "{\"v\":1,\"purpose\":\"DREY issuance\",\"month\":\""
                + YearMonth.now(f.clock().withZone(ZoneOffset.UTC)) + "\"}";
        byte[] id = Event.computeId(group, createdAt, RoastKinds.DREY_ISSUANCE, tags, content);
        Event unsigned = new Event(Hex.encode(id), group, createdAt, RoastKinds.DREY_ISSUANCE, tags, content,
                "00".repeat(64));
        SignRequest draft = new SignRequest("0".repeat(64), id, SignRequest.PURPOSE_ISSUANCE,
                List.of(f.state().coordinator()), unsigned.toJson(), claim.toJson());
        Event request = RoastCodec.template(draft, createdAt, new ArrayList<>(f.federation().memberPubkeys().values()))
                .sign(requesterSk, f.rng());
        return new Issuance(unsigned, request);
    }

    public static Signed sign(DevnetFederation f, Event claim, EnrolStep.Enrolment e) {
        return sign(f, claim, e, DEFAULT_AMOUNT);
    }

    /** The issuance of {@code amount} DREY (the voted amount, when a vote set one), signed through ROAST. */
    public static Signed sign(DevnetFederation f, Event claim, EnrolStep.Enrolment e, long amount) {
        Issuance draft = issuance(f, claim, e.app().publicKey(), f.requesterKey(), amount);
        Event request = draft.request();
        Event issuance = groupSigned(f, draft.unsigned(), request);
        MinerNode c = f.coordinator();
        DevnetReport.Roast roast = RoastRun.of(c.kv(), c.pubkey, f.federation(), request.id());
        return new Signed(issuance, roast);
    }

    /**
     * Publishes the sign request {@code request} for {@code unsigned} (a group event with a placeholder signature)
     * and returns the event with the group signature ROAST produced.
     */
    static Event groupSigned(DevnetFederation f, Event unsigned, Event request) {
        publishSignRequest(f, request);
        Duration timeout = f.config().stepTimeout();
        List<Event> results = f.requesterOnCoordinator().await(
                DevnetFederation.answering(request, RoastKinds.SIGNATURE_RESULT), 1, timeout);
        if (results.isEmpty()) {
            throw new DevnetException("no signature result for request " + request.id() + " within "
                    + timeout.toSeconds() + " s (see " + f.logPath() + ")");
        }
        SignatureResult result = (SignatureResult) RoastCodec.decode(results.get(0));
        if (!result.succeeded()) {
            throw new DevnetException("ROAST failed: " + result.reason() + "; culprits " + result.culprits());
        }
        return new Event(unsigned.id(), unsigned.pubkey(), unsigned.createdAt(), unsigned.kind(), unsigned.tags(),
                unsigned.content(), Hex.encode(result.signature()));
    }

    /**
     * The honest miners are slow this time: their functions hold the request until the coordinator has the
     * presignatures of the miners that send bad shares. On a real network timing is the adversary's to choose;
     * here it makes sure the bad shares are actually tried (and their senders caught) rather than raced out.
     */
    static void publishSignRequest(DevnetFederation f, Event request) {
        Set<String> bad = new HashSet<>();
        List<MinerNode> slow = new ArrayList<>();
        for (MinerNode m : f.miners()) {
            if (m.online() && f.config().sendsInvalidShares(m.index)) {
                bad.add(m.pubkey);
            } else if (m.online()) {
                slow.add(m);
            }
        }
        if (!bad.isEmpty()) {
            slow.forEach(MinerNode::holdFunctions);
        }
        try {
            f.publishAsRequester(request);
            if (!bad.isEmpty()) {
                f.requesterOnCoordinator().await(ev -> ev.kind() == RoastKinds.PRESIGNATURE
                        && bad.contains(ev.pubkey()) && ev.firstTagValue("e").orElse("").equals(request.id()),
                        bad.size(), Duration.ofSeconds(10));
            }
        } finally {
            slow.forEach(MinerNode::resumeFunctions);
        }
    }
}
