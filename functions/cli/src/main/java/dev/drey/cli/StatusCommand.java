package dev.drey.cli;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.dkg.DkgKinds;
import dev.drey.dkg.DkgMessageException;
import dev.drey.dkg.DkgRunView;
import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.nostr.Verification;
import dev.drey.relay.client.RelayClient;
import dev.drey.roast.Federation;
import dev.drey.roast.RoastCodec;
import dev.drey.roast.RoastKinds;
import dev.drey.roast.RoastMessageException;
import dev.drey.roast.SignRequest;
import dev.drey.roast.SignatureResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code drey status}: the recent DKG and ROAST runs as the members' relays hold them. Reads only: every event is
 * checked (signature, author, run) before it counts, so a relay cannot make a run look done.
 */
@Command(name = "status", description = "List the recent DKG and ROAST runs and their state as seen on the members' "
        + "relays (JSON on stdout).")
final class StatusCommand implements Callable<Integer> {
    static final int LIMIT = 2000;

    @Spec
    CommandSpec spec;

    @Option(names = "--federation", required = true, paramLabel = "FILE", description = "the federation file")
    Path federationFile;

    @Mixin
    OperatorKey operator;

    @Option(names = "--since-hours", defaultValue = "24", description = "how far back to look (default "
            + "${DEFAULT-VALUE} hours)")
    int sinceHours;

    @Option(names = "--timeout", defaultValue = "10", description = "seconds per relay (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Override
    public Integer call() {
        if (sinceHours < 1 || timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--since-hours and --timeout must be at least 1");
        }
        dev.drey.relay.MinerKey me = operator.require();
        OperatorFederation f = OperatorFederation.read(federationFile);
        Progress progress = new Progress(spec.commandLine().getErr(), "drey status");
        long since = System.currentTimeMillis() / 1000 - sinceHours * 3600L;
        List<Event> events;
        List<Integer> unreachable = new ArrayList<>();
        try (OperatorRelays relays = new OperatorRelays(me, Duration.ofSeconds(timeoutSeconds))) {
            List<RelayClient> clients = relays.subscribeAll(f, "status", Filter.builder().kinds(DkgKinds.ROUND1,
                    DkgKinds.ROUND2, DkgKinds.COMPLAINT, DkgKinds.CONFIRMATION, RoastKinds.SIGN_REQUEST,
                    RoastKinds.SESSION_START, RoastKinds.SIGNATURE_RESULT).since(since).limit(LIMIT).build(), progress);
            for (RelayClient c : clients) {
                if (!c.awaitStored("status", Duration.ofSeconds(timeoutSeconds))) {
                    progress.accept(c.url() + " did not finish sending its stored events in time");
                }
            }
            events = OperatorRelays.received(clients);
            for (OperatorFederation.Member m : f.members()) {
                if (clients.stream().noneMatch(c -> c.url().equals(m.relay()))) {
                    unreachable.add(m.id());
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("since", since);
        out.put("unreachable", unreachable);
        out.put("dkg", dkgRuns(events));
        out.put("roast", roastRuns(events, f.signing()));
        spec.commandLine().getOut().println(Json.write(out));
        return 0;
    }

    static List<Map<String, Object>> dkgRuns(List<Event> events) {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (Event e : sorted(events)) {
            if (e.kind() != DkgKinds.ROUND1 || e.firstTagValue("e").isPresent()) {
                continue;
            }
            DkgRunView view;
            try {
                view = DkgRunView.of(e);
            } catch (DkgMessageException ex) {
                continue; // not a start request, or a forged one
            }
            events.forEach(view::accept);
            Map<String, Object> run = DkgCommand.result(view);
            run.put("initiator", e.pubkey());
            run.put("createdAt", e.createdAt());
            runs.add(run);
        }
        return runs;
    }

    static List<Map<String, Object>> roastRuns(List<Event> events, Optional<Federation> group) {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (Event e : sorted(events)) {
            if (e.kind() != RoastKinds.SIGN_REQUEST || e.verify() != Verification.VALID) {
                continue;
            }
            SignRequest request;
            try {
                if (!(RoastCodec.decode(e) instanceof SignRequest r)) {
                    continue;
                }
                request = r;
            } catch (RoastMessageException ex) {
                continue;
            }
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("requestId", e.id());
            run.put("requester", e.pubkey());
            run.put("purpose", request.purpose());
            run.put("message", Hex.encode(request.message()));
            run.put("createdAt", e.createdAt());
            long sessions = events.stream().filter(s -> s.kind() == RoastKinds.SESSION_START
                    && request.coordinators().contains(s.pubkey())
                    && s.firstTagValue("e").orElse("").equals(e.id())).count();
            run.put("sessionsSeen", sessions);
            Optional<SignatureResult> result = events.stream()
                    .map(r -> SignCommand.resultOf(r, request.coordinators(), e.id())).flatMap(Optional::stream)
                    .findFirst();
            if (result.isEmpty()) {
                run.put("state", "pending");
            } else if (result.get().succeeded()) {
                run.put("state", "signed");
                run.put("signature", Hex.encode(result.get().signature()));
                group.ifPresent(g -> run.put("signatureValid",
                        Schnorr.verify(g.groupKeyXOnly(), request.message(), result.get().signature())));
            } else {
                run.put("state", "failed");
                run.put("reason", result.get().reason());
                run.put("culprits", result.get().culprits().stream().map(id -> id.value().toBigInteger()).toList());
            }
            runs.add(run);
        }
        return runs;
    }

    private static List<Event> sorted(List<Event> events) {
        return events.stream().sorted(Comparator.comparingLong(Event::createdAt).thenComparing(Event::id)).toList();
    }
}
