package dev.drey.devnet;

import dev.drey.devnet.processes.Artifacts;
import dev.drey.devnet.processes.ChaosAction;
import dev.drey.devnet.processes.ProcessInfo;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code drey devnet --processes}: the deployables as separate OS processes ({@link ProcessFederation}), brought up
 * step by step as {@code drey devnet} shows steps. What runs in this mode today: the broker, every miner's relay
 * and DKG function, each waited on through its readiness endpoint; a FROST DKG among those processes, driven and
 * checked over the relays only; with chaos, one relay is SIGKILLed and
 * restarted and an event it acknowledged before is read back. The other protocol steps (the DTA DKG, moving the results into the key files, enrolment, proof of life,
 * ROAST) are not driven over processes yet.
 */
public final class ProcessDevnet implements AutoCloseable {
    /** What {@code --json} adds: the processes (as they were at the end of the run) and the faults injected. */
    public record Report(boolean ok, List<DevnetReport.Step> steps, long elapsedMs, List<ProcessInfo> processes,
            List<ChaosAction> chaos, String error) {
    }

    private final DevnetConfig config;
    private final ProcessFederation federation;
    private final DevnetSteps steps;
    private final Chaos chaos;

    /** Which faults {@code --chaos} injects: none, a relay, or a relay and then the broker. */
    public enum Chaos {
        NONE, RELAY, BROKER
    }

    public ProcessDevnet(DevnetConfig config, Artifacts artifacts, Chaos chaos, Consumer<String> progress) {
        this.config = config;
        this.federation = new ProcessFederation(config, artifacts, progress);
        this.steps = new DevnetSteps(progress);
        this.chaos = chaos;
    }

    public Report run() {
        long start = System.nanoTime();
        String error = null;
        try {
            steps.step("kafka", federation::startBroker);
            steps.step("relays", federation::startRelays);
            steps.step("dkg-functions", federation::startDkgFunctions);
            steps.step("dkg-frost", federation::dkgFrost);
            steps.step("frost-shares", federation::takeFrostShares);
            steps.step("signers", federation::startSigners);
            // the highest miner is the coordinator; the signer killed is the lowest one's, the relay another one's
            steps.step("roast-sign", () -> federation.roastSign(chaos == Chaos.NONE ? 0 : 1));
            int target = Math.max(1, config.miners() - 1);
            if (chaos != Chaos.NONE) {
                steps.step("chaos-relay", () -> federation.killAndReadBack(ProcessFederation.relay(target), target,
                        "roast-sign"));
            }
            if (chaos == Chaos.BROKER) {
                steps.step("chaos-broker", () -> federation.killAndReadBack(ProcessFederation.BROKER,
                        config.miners(), "chaos-relay"));
            }
        } catch (DevnetException e) {
            error = e.getMessage();
        } catch (RuntimeException e) {
            error = e.toString();
        }
        return new Report(error == null, steps.done(), (System.nanoTime() - start) / 1_000_000,
                federation.processes(), federation.chaos(), error);
    }

    public ProcessFederation federation() {
        return federation;
    }

    /** Stops every process; returns the pids still alive afterwards (none, unless something went very wrong). */
    public List<Long> stop() {
        federation.close();
        return federation.livePids();
    }

    @Override
    public void close() {
        federation.close();
    }
}
