package dev.drey.cli;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.devnet.DevnetConfig;
import dev.drey.devnet.DevnetException;
import dev.drey.devnet.DevnetFederation;
import dev.drey.devnet.DevnetLock;
import dev.drey.devnet.DevnetSteps;
import dev.drey.devnet.VoteStep;
import dev.drey.crypto.pairing.PairingCurves;
import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.nostr.Nip19;
import dev.drey.relay.MinerKey;
import dev.drey.relay.client.RelayClient;
import dev.drey.vote.Proposal;
import dev.drey.vote.VoteException;
import dev.drey.vote.VoteKinds;
import dev.drey.vote.VoteRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code drey vote}: actuary voting. {@code simulate} runs a whole vote in process over real relays, Kafka and the
 * miners' functions; {@code record} exports every event of one proposal from a relay as one JSON record;
 * {@code verify} re-checks a record alone (exit 0 valid, 1 naming the first failed check).
 */
@Command(name = "vote", description = "Actuary voting: simulate a vote, export its record, verify a record.",
        subcommands = {VoteCommand.Simulate.class, VoteCommand.Verify.class, VoteCommand.Record.class})
final class VoteCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: simulate, verify or record");
    }

    @Command(name = "verify", description = "Re-check every signature, proof, the freeze, the decryption and the "
            + "tally of a vote record; exit 0 {\"valid\":true,\"tally\":[...]}, or 1 naming the first failed check.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "RECORD", description = "the record file (JSON, as `drey vote record` writes it)")
        Path file;

        @Override
        public Integer call() {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliException("cannot read the record " + file + ": " + e.getMessage());
            }
            Map<String, Object> o = new LinkedHashMap<>();
            VoteRecord.Verdict v;
            try {
                v = VoteRecord.parse(text).verify(new SecureRandom());
            } catch (VoteException e) {
                v = new VoteRecord.Verdict(false, List.of(), "record: " + e.getMessage(), null);
            }
            o.put("valid", v.valid());
            if (v.valid()) {
                o.put("tally", v.tally());
                o.put("ballotsCounted", v.count().counted().size());
                o.put("ballotsRefused", v.count().refused().size());
            } else {
                o.put("failure", v.failure());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(Json.write(o));
            out.flush();
            return v.valid() ? 0 : Drey.EXIT_INVALID;
        }
    }

    @Command(name = "record", description = "Export every event of one proposal from a relay as one JSON record.")
    static final class Record implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--relay", required = true, description = "relay URL (ws:// or wss://)")
        String relay;

        @Option(names = "--proposal", required = true, description = "the proposal's event id (64 hex)")
        String proposal;

        @Option(names = "--group", required = true, description = "the federation's group key (npub or hex)")
        String group;

        @Option(names = "--out", description = "write the record here (default: stdout)")
        Path out;

        @Option(names = "--wait", defaultValue = "3", description = "seconds to collect events (default ${DEFAULT-VALUE})")
        int waitSeconds;

        @Override
        public Integer call() throws IOException {
            if (!Hex.isLowerHex(proposal, 32)) {
                throw new CliException("--proposal must be 64 lowercase hex characters (the proposal's event id)");
            }
            String groupHex = group.startsWith("npub1") ? Nip19.decodeNpub(group) : group;
            if (!Hex.isLowerHex(groupHex, 32)) {
                throw new CliException("--group must be an npub or 64 lowercase hex characters");
            }
            byte[] reader = Scalar.random(new SecureRandom()).encode(); // a throwaway key for NIP-42 AUTH
            List<Event> events = new ArrayList<>();
            try (RelayClient c = RelayClient.open(HttpClient.newHttpClient(), relay, MinerKey.of(reader))) {
                c.subscribe("proposal", Filter.builder().ids(proposal).build());
                c.subscribe("cites", Filter.builder().tag('e', proposal).build());
                c.await(e -> false, 1, Duration.ofSeconds(waitSeconds));
                Set<String> seen = new HashSet<>();
                for (Event e : c.received()) {
                    if (seen.add(e.id()) && (e.id().equals(proposal) || e.kind() >= VoteKinds.BALLOT
                            && e.kind() <= VoteKinds.RESULT || e.kind() == VoteKinds.NIP88_RESPONSE)) {
                        events.add(e);
                    }
                }
            }
            String json = new VoteRecord(proposal, groupHex, events).toJson();
            if (out == null) {
                spec.commandLine().getOut().println(json);
                spec.commandLine().getOut().flush();
            } else {
                Files.writeString(out, json, StandardCharsets.UTF_8);
                spec.commandLine().getErr().println("drey vote record: " + events.size() + " events written to " + out);
            }
            return 0;
        }
    }

    @Command(name = "simulate", description = "A whole vote in process over real relays, Kafka and the miners' "
            + "functions: election-key DKG, proposal, ballots, group-signed freeze, partial decryptions, "
            + "group-signed result.")
    static final class Simulate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--miners", defaultValue = "5", description = "number of miners (default ${DEFAULT-VALUE})")
        int miners;

        @Option(names = "--threshold", defaultValue = "3", description = "threshold t (default ${DEFAULT-VALUE})")
        int threshold;

        @Option(names = "--options", defaultValue = "3", description = "number of options (default ${DEFAULT-VALUE})")
        int options;

        @Option(names = "--choices", required = true, description = "each miner's vote in miner order, "
                + "comma-separated: an option index (0-based), a+b for several (multiplechoice), or - to abstain")
        String choices;

        @Option(names = "--mode", defaultValue = "secret", description = "secret or open (default ${DEFAULT-VALUE})")
        String mode;

        @Option(names = "--polltype", defaultValue = "singlechoice",
                description = "singlechoice or multiplechoice (default ${DEFAULT-VALUE})")
        String pollType;

        @Option(names = "--limit", description = "selection limit (default: 1 for singlechoice, the number of options "
                + "for multiplechoice)")
        Integer limit;

        @Option(names = "--bad-ballot", defaultValue = "0", description = "the first K voters send a ballot with an "
                + "invalid proof")
        int badBallots;

        @Option(names = "--bad-decryption", defaultValue = "0", description = "K trustees (the last ones) send bad "
                + "partial decryptions")
        int badDecryptions;

        @Option(names = "--absent", defaultValue = "0", description = "K trustees (before the bad ones) take no part "
                + "in the decryption")
        int absent;

        @Option(names = "--record", description = "write the vote's record here")
        Path record;

        @Option(names = "--data-dir", description = "where the federation keeps its files; wiped at start (default: "
                + "drey-vote in the temp directory)")
        Path dataDir;

        @Option(names = "--step-timeout", defaultValue = "60", description = "seconds one step may wait "
                + "(default ${DEFAULT-VALUE})")
        int stepTimeoutSeconds;

        @Override
        public Integer call() throws Exception {
            try {
                return simulate();
            } catch (UsageError e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        /** A bad option value: exit 64 like any usage error. */
        static final class UsageError extends RuntimeException {
            UsageError(String message) {
                super(message);
            }
        }

        private Integer simulate() throws Exception {
            Proposal.Mode m = parse(Proposal.Mode.class, mode, "--mode", "secret or open");
            Proposal.PollType pt = parse(Proposal.PollType.class, pollType, "--polltype",
                    "singlechoice or multiplechoice");
            int lim = limit != null ? limit : pt == Proposal.PollType.SINGLECHOICE ? 1 : options;
            List<List<Integer>> chosen = choices(choices, miners, options, pt);
            if (badBallots < 0 || badDecryptions < 0 || absent < 0 || badBallots > miners
                    || badDecryptions + absent > miners) {
                throw new UsageError("--bad-ballot, --bad-decryption and --absent must be 0..--miners");
            }
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < options; i++) {
                labels.add("option " + i);
            }
            VoteStep.Plan plan;
            try {
                plan = new VoteStep.Plan("drey vote simulate", labels, m, pt, lim, Optional.empty(), chosen,
                        badBallots, m == Proposal.Mode.SECRET ? absent : 0);
                Proposal.template("check", labels, pt, 0, Proposal.Mode.OPEN, lim, "", Optional.empty(), Map.of(),
                        List.of("00".repeat(32)), Optional.empty(), 0); // the proposal's own checks, up front
            } catch (VoteException | IllegalArgumentException e) {
                throw new UsageError(e.getMessage());
            }
            Set<Integer> bad = new TreeSet<>();
            Set<Integer> silent = new TreeSet<>();
            for (int i = 0; i < badDecryptions; i++) {
                bad.add(miners - i);
            }
            for (int i = 0; i < absent; i++) {
                silent.add(miners - badDecryptions - i);
            }
            Path dir = (dataDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "drey-vote") : dataDir)
                    .toAbsolutePath();
            DevnetConfig config;
            try {
                config = new DevnetConfig(miners, threshold, 0, 0, PairingCurves.defaultCurve(), dir,
                        Duration.ofSeconds(stepTimeoutSeconds));
            } catch (IllegalArgumentException e) {
                throw new UsageError(e.getMessage());
            }
            PrintWriter err = spec.commandLine().getErr();
            PrintWriter out = spec.commandLine().getOut();
            DevnetCommand.refuseForeign(dir);
            DevnetLock lock;
            try {
                lock = DevnetLock.acquire(dir);
            } catch (DevnetException e) {
                throw new CliException(e.getMessage());
            }
            DevnetCommand.wipe(dir);
            DevnetCommand.quietLogging();
            long t0 = System.nanoTime();
            AtomicReference<DevnetFederation> holder = new AtomicReference<>();
            DevnetSteps steps = new DevnetSteps(line -> {
                err.println("drey vote: " + line);
                err.flush();
            });
            try (DevnetFederation f = DevnetFederation.builder(config)
                    .functionLayer(VoteStep.faults(bad, silent, holder::get)).build()) {
                holder.set(f);
                f.start(steps);
                steps.step("dkg-election", f::dkgElection);
                VoteStep.Outcome o = steps.step("vote", () -> VoteStep.vote(f, plan), VoteStep.Outcome::detail);
                String recordPath = null;
                if (record != null) {
                    Files.writeString(record, o.record().toJson(), StandardCharsets.UTF_8);
                    recordPath = record.toAbsolutePath().toString();
                }
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("proposal", DevnetCommand.readTree(o.proposal().toJson()));
                j.put("groupPublicKey", o.groupPubkey());
                j.put("ballotsCounted", o.ballotsCounted());
                j.put("ballotsRefused", o.ballotsRefused());
                j.put("tally", o.tally());
                j.put("resultEvent", DevnetCommand.readTree(o.resultEvent().toJson()));
                j.put("culprits", o.culprits());
                j.put("record", recordPath);
                j.put("elapsedMs", (System.nanoTime() - t0) / 1_000_000);
                out.println(Json.write(j));
                out.flush();
                return 0;
            } catch (DevnetException e) {
                err.println("drey vote: FAILED: " + e.getMessage());
                err.flush();
                return Drey.EXIT_FAILURE;
            } finally {
                lock.close();
            }
        }

        private <E extends Enum<E>> E parse(Class<E> type, String text, String option, String expected) {
            try {
                return Enum.valueOf(type, text.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageError(option + " must be " + expected + ", was '" + text + "'");
            }
        }

        /** One list of option indices per miner from "1,0+2,-,...". */
        static List<List<Integer>> choices(String text, int miners, int options, Proposal.PollType pt) {
            String[] parts = text.split(",", -1);
            if (parts.length != miners) {
                throw new UsageError("--choices names " + parts.length + " votes for " + miners + " miners");
            }
            List<List<Integer>> out = new ArrayList<>();
            for (String p : parts) {
                String s = p.strip();
                List<Integer> c = new ArrayList<>();
                if (!s.equals("-")) {
                    for (String x : s.split("\\+", -1)) {
                        int i;
                        try {
                            i = Integer.parseInt(x.strip());
                        } catch (NumberFormatException e) {
                            throw new UsageError("--choices: '" + s + "' is not an option index, a+b or -");
                        }
                        if (i < 0 || i >= options || c.contains(i)) {
                            throw new UsageError("--choices: option " + i + " is not in 0.." + (options - 1)
                                    + " or is repeated");
                        }
                        c.add(i);
                    }
                }
                if (c.size() > 1 && pt == Proposal.PollType.SINGLECHOICE) {
                    throw new UsageError("--choices: '" + s + "' picks several options in a singlechoice poll");
                }
                out.add(c);
            }
            return out;
        }
    }
}
