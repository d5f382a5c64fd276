package dev.drey.miner;

import dev.drey.beacon.BeaconCodec;
import dev.drey.beacon.BeaconMessage;
import dev.drey.beacon.BeaconNode;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.nostr.Event;
import dev.drey.runtime.NostrFunction;
import dev.drey.runtime.RecipientRelays;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The beacon ({@link BeaconNode}) as a deployable function: on the host's periodic tick it signs the rounds due;
 * on each beacon event (partials, beacons, VRF requests and outputs) it collects, aggregates and publishes. Its
 * messages are signed with the miner's identity key, created at the host's time, and sent to every other member
 * of the beacon key (p tags, so their relays pull them). Culprits are noted for the operator's log.
 */
public final class BeaconFunction {
    public static final String NAME = "beacon";

    private BeaconFunction() {
    }

    /**
     * @param members x-only keys of every holder of the beacon key (this miner's own is skipped as recipient)
     */
    public static NostrFunction of(byte[] identityKey, BeaconNode node, Collection<String> members, Clock clock,
            SecureRandom rng, RecipientRelays relays) {
        byte[] key = identityKey.clone();
        String me = Hex.encode(Schnorr.publicKey(key));
        List<String> recipients = members.stream().filter(m -> !m.equals(me)).sorted().toList();
        return new RoutedFunction(NAME,
                e -> answer(node.handle(e, clock.instant().getEpochSecond()), node, key, recipients,
                        clock.instant().getEpochSecond(), rng),
                now -> answer(node.tick(now), node, key, recipients, now, rng), relays);
    }

    private static RoutedFunction.Answer answer(BeaconNode.Step step, BeaconNode node, byte[] key,
            List<String> recipients, long now, SecureRandom rng) {
        List<Event> events = new ArrayList<>();
        for (BeaconMessage m : step.publish()) {
            events.add(BeaconCodec.template(m, node.chainHash(), now, recipients).sign(key, rng));
        }
        List<String> notes = new ArrayList<>(step.notes());
        for (Map.Entry<Integer, String> c : step.culprits().entrySet()) {
            notes.add("culprit " + c.getKey() + ": " + c.getValue());
        }
        return new RoutedFunction.Answer(events, notes);
    }
}
