package dev.drey.cli;

import dev.drey.crypto.Hex;
import dev.drey.crypto.frost.PublicKeyPackage;
import dev.drey.dkg.DkgCodec;
import dev.drey.dkg.DkgKinds;
import dev.drey.dkg.DkgMessageException;
import dev.drey.dkg.DkgRunView;
import dev.drey.dkg.KeyType;
import dev.drey.dkg.StartRequest;
import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.nostr.Nip19;
import dev.drey.relay.MinerKey;
import dev.drey.relay.client.RelayClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code drey dkg start}: asks the members to run a DKG and follows it on their relays. */
@Command(name = "dkg", description = "Distributed key generation among the federation's members, over their relays.",
        subcommands = {DkgCommand.Start.class})
final class DkgCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required: start");
    }

    /** The key type an operator names: a wire name of {@link KeyType}, or its unique first word ({@code frost}). */
    static KeyType keyType(CommandLine cl, String name) {
        List<KeyType> exact = Arrays.stream(KeyType.values()).filter(k -> k.wireName().equals(name)).toList();
        List<KeyType> found = exact.isEmpty() ? Arrays.stream(KeyType.values())
                .filter(k -> k.wireName().startsWith(name + "-")).toList() : exact;
        if (found.size() != 1) {
            throw new ParameterException(cl, "--key must be one of " + Arrays.stream(KeyType.values())
                    .map(KeyType::wireName).collect(Collectors.joining(", ")) + " (or its first word), was '"
                    + name + "'");
        }
        return found.get(0);
    }

    @Command(name = "start", description = "Publish a DKG start request (kind 3410) to every member's relay and follow "
            + "the run: round 1, round 2, transcript confirmations, then the result (JSON on stdout) or the failure "
            + "and its culprits (exit 2). Progress on stderr.")
    static final class Start implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--federation", required = true, paramLabel = "FILE", description = "the federation file")
        Path federationFile;

        @Option(names = "--key", required = true, description = "the key to generate: a key type the miners know "
                + "(frost-bip340, dta, ... or the first word, e.g. frost)")
        String key;

        @Option(names = "--threshold", description = "signers needed (default: the federation file's)")
        Integer threshold;

        @Option(names = "--curve", defaultValue = "bls381", description = "pairing curve of a dta key (default "
                + "${DEFAULT-VALUE})")
        String curve;

        @Mixin
        OperatorKey operator;

        @Option(names = "--timeout", defaultValue = "120", description = "seconds to follow the run (default "
                + "${DEFAULT-VALUE})")
        int timeoutSeconds;

        @Option(names = "--update-federation", description = "after a FROST run, write the group key and every "
                + "member's verifying share into the federation file (what the miners' functions read)")
        boolean updateFederation;

        @Override
        public Integer call() {
            KeyType type = keyType(spec.commandLine(), key);
            if (timeoutSeconds < 1) {
                throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
            }
            if (updateFederation && type != KeyType.FROST_BIP340) {
                throw new ParameterException(spec.commandLine(), "--update-federation is for the frost key only");
            }
            OperatorFederation f = OperatorFederation.read(federationFile);
            MinerKey me = operator.require();
            StartRequest draft;
            try {
                draft = new StartRequest("0".repeat(64), type, type == KeyType.DTA ? curve : "",
                        threshold == null ? f.threshold() : threshold, f.roster());
            } catch (DkgMessageException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            PrintWriter err = spec.commandLine().getErr();
            Progress progress = new Progress(err, "drey dkg");
            Event start = me.sign(DkgCodec.template(draft, System.currentTimeMillis() / 1000, f.pubkeys()));
            DkgRunView view = DkgRunView.of(start);
            try (OperatorRelays relays = new OperatorRelays(me, Duration.ofSeconds(10))) {
                List<RelayClient> clients = relays.subscribeAll(f, "dkg", Filter.builder().kinds(DkgKinds.ROUND1,
                        DkgKinds.ROUND2, DkgKinds.COMPLAINT, DkgKinds.CONFIRMATION).tag('e', start.id()).build(),
                        progress);
                List<String> took = relays.publishToAll(f, start, progress);
                progress.accept(type.wireName() + " run " + start.id() + " started on " + took.size() + "/"
                        + f.members().size() + " relays");
                follow(view, clients, Duration.ofSeconds(timeoutSeconds), progress);
            }
            Map<String, Object> out = result(view);
            Optional<PublicKeyPackage> group = view.frostPublicKeys();
            if (updateFederation && group.isPresent()) {
                OperatorFederation.write(federationFile, f.toJson(group));
                out.put("federationUpdated", federationFile.toAbsolutePath().toString());
                progress.accept("group key and verifying shares written to " + federationFile);
            }
            spec.commandLine().getOut().println(Json.write(out));
            DkgRunView.State s = view.state();
            if (s == DkgRunView.State.COMPLETED) {
                return 0;
            }
            if (s == DkgRunView.State.FAILED) {
                return Drey.EXIT_FAILURE;
            }
            throw new CliException("the run did not complete within " + timeoutSeconds + " s (" + s + "; no round 1 "
                    + "yet from " + view.missingRound1() + ", no confirmation yet from " + view.missingConfirmations()
                    + ")");
        }
    }

    /** Feeds every event the relays deliver into {@code view} until the run ends or {@code max} passes. */
    static void follow(DkgRunView view, List<RelayClient> clients, Duration max, Progress progress) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            for (Event e : OperatorRelays.received(clients)) {
                view.accept(e).ifPresent(progress);
            }
            DkgRunView.State s = view.state();
            if (s == DkgRunView.State.COMPLETED || s == DkgRunView.State.FAILED) {
                return;
            }
            Progress.pause(100);
        }
    }

    static Map<String, Object> result(DkgRunView view) {
        Map<String, Object> o = new LinkedHashMap<>();
        StartRequest s = view.start();
        o.put("runId", s.runId());
        o.put("key", s.keyType().wireName());
        if (!s.curve().isEmpty()) {
            o.put("curve", s.curve());
        }
        o.put("threshold", s.threshold());
        o.put("members", s.roster().ids());
        o.put("state", view.state().name().toLowerCase(java.util.Locale.ROOT));
        o.put("transcripts", view.transcripts());
        view.frostPublicKeys().ifPresent(g -> {
            String x = Hex.encode(g.groupPublicKey().encodeCompressed()).substring(2);
            o.put("groupPublicKey", Hex.encode(g.groupPublicKey().encodeCompressed()));
            o.put("groupNpub", Nip19.encodeNpub(x));
        });
        view.failure().ifPresent(why -> o.put("failure", why));
        o.put("culprits", view.culprits().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("member", c.accused());
            m.put("accusedBy", c.accuser());
            m.put("fault", c.fault());
            m.put("detail", c.detail());
            return m;
        }).toList());
        if (!view.ignored().isEmpty()) {
            o.put("ignoredEvents", view.ignored());
        }
        return o;
    }
}
