package dev.drey.adversary.scenarios;

import dev.drey.adversary.Attacks;
import dev.drey.adversary.Outcome;
import dev.drey.adversary.Scenario;
import dev.drey.devnet.DevnetFederation;
import dev.drey.kafka.OutboxRecord;
import dev.drey.miner.MinerFunctions;
import dev.drey.nostr.Event;
import dev.drey.roast.RoastCodec;
import dev.drey.roast.RoastCoordinator;
import dev.drey.roast.RoastKinds;
import dev.drey.roast.RoastStateStore;
import dev.drey.roast.RunState;
import dev.drey.roast.SignatureResult;
import dev.drey.runtime.FunctionResult;
import dev.drey.runtime.NostrFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The coordinator crashes after its orchestrator wrote the run's state (the session started) but before the
 * session start reached the outbox; on restart the consumer delivers the run's input records again (the sign
 * request and the presignatures, from the last committed offset). The signature must still be produced, and no
 * honest signer may be blamed for the lost session.
 */
public final class OrchestratorRedelivery implements Scenario {
    /** The coordinator of the default federation ({@link Scenario#config}): the highest index. */
    private static final int COORDINATOR = 4;
    private final CrashOnce crash = new CrashOnce();

    @Override
    public String name() {
        return "orchestrator-redelivery";
    }

    @Override
    public String expected() {
        return "the coordinator crashing between writing run state and publishing, then getting its input records "
                + "again: the signature is produced and no honest signer is blamed (honestBlamed 0)";
    }

    @Override
    public DevnetFederation.Builder prepare(DevnetFederation.Builder builder) {
        return builder.functionLayer((index, fn) -> fn.name().equals(MinerFunctions.ORCHESTRATOR)
                && index == COORDINATOR ? crash.wrap(fn) : fn);
    }

    @Override
    public Outcome run(DevnetFederation f) {
        Event request = Attacks.messageSignRequest(f, f.demoClientKey(), Attacks.randomMessage(f));
        crash.arm(request.id());
        Attacks.publishEverywhere(f, f.demoClientKey(), request);
        Optional<SignatureResult> r = Attacks.awaitResult(f, request, Duration.ofSeconds(40));
        boolean signed = r.map(SignatureResult::succeeded).orElse(false);
        Optional<RunState> run = new RoastStateStore(f.coordinator().kv(), new RoastCoordinator(f.federation()))
                .load(f.coordinator().pubkey, request.id());
        int sessions = run.map(s -> s.sessions().size()).orElse(0);
        int blamed = run.map(s -> s.malicious().size()).orElse(0); // every member here is honest
        return new Outcome(crash.crashed && signed && blamed == 0, "crash " + (crash.crashed ? "after "
                + crash.lost + " output(s) were lost, " + crash.redelivered + " input record(s) delivered again"
                : "never happened (no session start was written)") + "; result: " + r.map(x -> x.succeeded()
                        ? "signed in session " + x.sessionId() : "failed (" + x.reason() + ")").orElse("none within 40 s")
                + "; " + sessions + " session(s) started, " + blamed + " honest signer(s) blamed",
                Outcome.measured("sessionsStarted", sessions, "honestBlamed", blamed, "signed", signed));
    }

    /** The orchestrator's host: the first time a session start is produced, it dies before the outbox write. */
    static final class CrashOnce {
        private volatile String requestId;
        private volatile boolean crashed;
        private int lost;
        private int redelivered;
        private final List<Event> inputs = new ArrayList<>();

        void arm(String id) {
            requestId = id;
        }

        NostrFunction wrap(NostrFunction real) {
            return new NostrFunction() {
                @Override
                public String name() {
                    return real.name();
                }

                @Override
                public FunctionResult handle(Event event) {
                    String id = requestId;
                    boolean ours = id != null && (event.id().equals(id) || event.hasTag("e", id));
                    if (ours && !crashed) {
                        inputs.add(event);
                    }
                    FunctionResult out = real.handle(event);
                    if (ours && !crashed && out.outbox().stream().map(OutboxRecord::event)
                            .anyMatch(e -> e.kind() == RoastKinds.SESSION_START)) {
                        crashed = true;
                        lost = out.outbox().size();
                        // restart: the consumer re-reads from the last committed offset, i.e. the run's inputs
                        List<OutboxRecord> again = new ArrayList<>();
                        for (Event in : inputs) {
                            redelivered++;
                            again.addAll(real.handle(in).outbox());
                        }
                        return new FunctionResult(again, out.notes());
                    }
                    return out;
                }
            };
        }
    }
}
