package dev.drey.devnet;

import dev.drey.beacon.BeaconCodec;
import dev.drey.beacon.BeaconKinds;
import dev.drey.beacon.BeaconMessage;
import dev.drey.beacon.BeaconNode;
import dev.drey.beacon.BeaconOutput;
import dev.drey.beacon.BlsChainKey;
import dev.drey.beacon.ChainSchedule;
import dev.drey.beacon.VrfOutput;
import dev.drey.beacon.VrfRequest;
import dev.drey.crypto.Bytes;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.bls.Beacon;
import dev.drey.crypto.bls.BeaconVerifier;
import dev.drey.crypto.bls.Bls12381;
import dev.drey.crypto.bls.ChainInfo;
import dev.drey.crypto.bls.DrandJson;
import dev.drey.crypto.bls.ThresholdVrf;
import dev.drey.dkg.DkgResult;
import dev.drey.dkg.DkgStateException;
import dev.drey.dkg.KeyType;
import dev.drey.kafka.MessageFamily;
import dev.drey.miner.BeaconFunction;
import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.relay.client.RelayClient;
import dev.drey.runtime.RecipientRelays;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The randomness beacon on the devnet: the beacon key's own DKG over nostr, the beacon function on every miner
 * but one (the offline one), {@code rounds} consecutive beacons read from a relay and checked with drand's
 * verifier under the chain info alone, then a VRF request from the requester whose output picks, verifiably,
 * which enrolled investor gets an extra proof-of-life check this month.
 *
 * <p>Not yet: the chain info (3470) is computed by each miner from the DKG result, not group-signed through
 * ROAST (the signer's {@code beacon-chain-info} purpose is still to come).
 */
public final class BeaconStep {
    /** What the step made; {@code onTimeShare} is the share of rounds first seen within 1 s of their time. */
    public record Result(ChainInfo chain, List<BeaconOutput> beacons, double onTimeShare, VrfOutput vrf, int picked,
            int offlineMiner, String detail) {
        public String chainInfoJson() {
            return DrandJson.print(chain);
        }
    }

    private BeaconStep() {
    }

    /**
     * @param investors the enrolled investors' ids (hex), in enrolment order; the VRF picks one of them
     */
    public static Result run(DevnetFederation f, int period, int rounds, List<String> investors, String month) {
        List<MinerNode> miners = f.miners();
        Map<Integer, DkgResult.Beacon> results = beaconDkg(f);
        Map<Integer, String> members = new TreeMap<>();
        results.forEach((i, r) -> members.put(r.share().index(), miners.get(i - 1).pubkey));
        long genesis = f.now() + 2;
        ChainInfo chain = BlsChainKey.chainInfo(results.get(1), period, genesis, "drey-devnet");
        String chainHash = Hex.encode(chain.hash());
        ChainSchedule schedule = new ChainSchedule(genesis, period);
        int offline = miners.get(miners.size() - 1).index;
        String requester = Hex.encode(Schnorr.publicKey(f.requesterKey()));
        for (MinerNode m : miners) {
            if (m.index == offline) {
                continue; // down for the whole step: the others must keep the period without it
            }
            BlsChainKey key = BlsChainKey.fromDkg(chain, results.get(m.index), members.keySet(), f.rng());
            BeaconNode node = new BeaconNode(chainHash, schedule, key, members, Set.of(requester), m.kv(),
                    BeaconNode.DEFAULT_MAX_CATCH_UP);
            m.install(BeaconFunction.of(m.identityKey(), node, members.values(), f.clock(), f.rng(),
                    RecipientRelays.parse(f.state().routing(), List.of(m.url()))), List.of(MessageFamily.BEACON));
        }
        MinerNode reader = miners.get(0);
        RelayClient client = f.openClient(reader.url(), f.requesterKey());
        client.subscribe("beacon", Filter.builder().kinds(BeaconKinds.BEACON, BeaconKinds.VRF_OUTPUT).build());
        BeaconVerifier verifier = new BeaconVerifier(chain);
        Map<Long, BeaconOutput> seen = new TreeMap<>();
        Map<Long, Long> firstSeenMs = new TreeMap<>();
        long deadline = System.currentTimeMillis() + (long) (rounds + 2) * period * 1000 + f.config().stepTimeout().toMillis();
        List<BeaconOutput> beacons = List.of();
        while (beacons.isEmpty()) {
            for (Event e : client.received()) {
                if (e.kind() != BeaconKinds.BEACON || !e.firstTagValue("x").orElse("").startsWith(chainHash)) {
                    continue;
                }
                BeaconOutput b = (BeaconOutput) BeaconCodec.decode(e, chainHash);
                if (!seen.containsKey(b.round())) {
                    if (!verifier.verify(new Beacon(b.round(), b.randomness(), b.signature())).valid()) {
                        throw new DevnetException("beacon round " + b.round() + " does not verify under the chain info");
                    }
                    seen.put(b.round(), b);
                    firstSeenMs.put(b.round(), f.clock().millis());
                }
            }
            beacons = consecutive(seen, rounds);
            if (beacons.isEmpty() && System.currentTimeMillis() > deadline) {
                throw new DevnetException("no " + rounds + " consecutive beacons within the step's time (rounds "
                        + seen.keySet() + "; see " + f.logPath() + ")");
            }
            sleep(50);
        }
        long onTime = beacons.stream().filter(b -> firstSeenMs.get(b.round()) - schedule.timeOf(b.round()) * 1000 <= 1000)
                .count();
        VrfOutput vrf = vrf(f, client, chain, chainHash, investors, month);
        int picked = new BigInteger(1, vrf.output()).mod(BigInteger.valueOf(investors.size())).intValue();
        f.log("beacon: VRF " + Hex.encode(vrf.output()) + " picks investor " + picked + " (" + investors.get(picked)
                + ") for an extra proof-of-life check in " + month);
        return new Result(chain, beacons, (double) onTime / beacons.size(), vrf, picked, offline, beacons.size()
                + " consecutive beacons from round " + beacons.get(0).round() + " with miner " + offline
                + " offline, chain " + chainHash.substring(0, 16) + "…; VRF picks investor " + picked + " of "
                + investors.size() + " for an extra check in " + month);
    }

    /** The first {@code rounds} consecutive beacons seen, or an empty list while there are none. */
    static List<BeaconOutput> consecutive(Map<Long, BeaconOutput> seen, int rounds) {
        List<BeaconOutput> run = new ArrayList<>();
        for (BeaconOutput b : seen.values()) { // a TreeMap: ascending rounds
            if (!run.isEmpty() && run.get(run.size() - 1).round() + 1 != b.round()) {
                run.clear();
            }
            run.add(b);
            if (run.size() == rounds) {
                return run;
            }
        }
        return List.of();
    }

    /** The VRF input: month and the enrolled investors, so the pick is bound to exactly this list. */
    static byte[] vrfInput(List<String> investors, String month) {
        return ("drey/pol/extra-check/v1|" + month + "|" + String.join(",", investors))
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static VrfOutput vrf(DevnetFederation f, RelayClient client, ChainInfo chain, String chainHash,
            List<String> investors, String month) {
        if (investors.isEmpty()) {
            throw new DevnetException("no enrolled investor to pick from");
        }
        byte[] input = vrfInput(investors, month);
        BeaconMessage req = new VrfRequest(chainHash, input);
        Event request = BeaconCodec.template(req, chainHash, f.now(), List.of()).sign(f.requesterKey(), f.rng());
        f.publishAsRequester(request);
        List<Event> got = client.await(DevnetFederation.answering(request, BeaconKinds.VRF_OUTPUT), 1,
                f.config().stepTimeout());
        if (got.isEmpty()) {
            throw new DevnetException("no VRF output for request " + request.id() + " (see " + f.logPath() + ")");
        }
        VrfOutput v = (VrfOutput) BeaconCodec.decode(got.get(0), chainHash);
        String bad = ThresholdVrf.check(new Bls12381.PreparedG2(chain.publicKey()),
                new ThresholdVrf.Evaluation(v.input(), v.output(), v.proof()));
        if (bad != null || !java.util.Arrays.equals(v.input(), input)
                || !java.util.Arrays.equals(v.output(), Bytes.sha256(v.proof()))) {
            throw new DevnetException("VRF output does not verify under the chain's public key: " + bad);
        }
        return v;
    }

    private static Map<Integer, DkgResult.Beacon> beaconDkg(DevnetFederation f) {
        Event start = f.dkgStart(KeyType.BEACON_BLS12381, "");
        f.publishAsRequester(start);
        Map<Integer, DkgResult.Beacon> out = new TreeMap<>();
        long deadline = System.nanoTime() + f.config().stepTimeout().toNanos();
        while (out.size() < f.miners().size()) {
            for (MinerNode m : f.miners()) {
                if (!out.containsKey(m.index)) {
                    try {
                        f.dkgResult(m.index, start.id()).ifPresent(r -> out.put(m.index, (DkgResult.Beacon) r));
                    } catch (DkgStateException e) {
                        throw new DevnetException("beacon DKG run " + start.id() + " at miner " + m.index + ": "
                                + e.getMessage());
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new DevnetException("beacon DKG run " + start.id() + " did not complete: keys at " + out.keySet());
            }
            sleep(50);
        }
        return out;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevnetException("interrupted");
        }
    }
}
