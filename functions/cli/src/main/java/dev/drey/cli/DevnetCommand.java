package dev.drey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drey.crypto.Hex;
import dev.drey.crypto.pairing.PairingCurves;
import dev.drey.devnet.Devnet;
import dev.drey.devnet.DevnetConfig;
import dev.drey.devnet.DevnetException;
import dev.drey.devnet.DevnetLock;
import dev.drey.devnet.DevnetReport;
import dev.drey.devnet.ProcessDevnet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code drey devnet}: the main job. A whole federation on this machine (embedded Kafka, n miners with their
 * own relays, KV stores and functions, the PoL service and app), running the DKGs, an enrolment, this month's
 * proof of life and a ROAST-signed DREY issuance with faulty miners. Progress on stderr; a summary on stdout
 * (one JSON object with {@code --json}). Exit 0 only when every step succeeded.
 */
@Command(name = "devnet", description = "Run the whole federation on this machine: DKGs, enrolment, proof of life "
        + "and a ROAST-signed DREY issuance with faulty miners.")
final class DevnetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--miners", defaultValue = "5", description = "number of miners (default ${DEFAULT-VALUE})")
    int miners;

    @Option(names = "--threshold", defaultValue = "3", description = "signing threshold (default ${DEFAULT-VALUE})")
    int threshold;

    @Option(names = "--faulty", defaultValue = "2", description = "faulty miners during the signing: half (rounded "
            + "up) offline, the rest sending invalid signature shares (default ${DEFAULT-VALUE})")
    int faulty;

    @Option(names = "--curve", defaultValue = "bls381", description = "pairing curve of the DTA: bls381 or bn254cx "
            + "(default ${DEFAULT-VALUE})")
    String curve;

    @Option(names = "--data-dir", description = "where the devnet keeps its broker log, KV stores and key files; "
            + "wiped at start, kept afterwards for `drey replay` (default: drey-devnet in the temp directory)")
    Path dataDir;

    @Option(names = "--json", description = "print one JSON summary object on stdout")
    boolean json;

    @Option(names = "--keep-running", description = "leave the relays up (prints their URLs and the demo client "
            + "key) until Ctrl-C")
    boolean keepRunning;

    @Option(names = "--step-timeout", defaultValue = "60", description = "seconds one step may wait for the network "
            + "(default ${DEFAULT-VALUE})")
    int stepTimeoutSeconds;

    @Option(names = "--processes", description = "run the broker and every miner's relay and functions as separate "
            + "OS processes from the built relay-ingest and roast-orchestrator artifacts, under a supervisor")
    boolean processes;

    @Option(names = "--chaos", arity = "0..1", fallbackValue = "relay", paramLabel = "broker", description = "with "
            + "--processes: SIGKILL a miner's relay mid-run (and with `--chaos broker` then the broker); each is "
            + "restarted and an event acknowledged before must still be there")
    String chaos;

    private ProcessDevnet.Chaos chaosOption() {
        if (chaos == null) {
            return ProcessDevnet.Chaos.NONE;
        }
        if (!processes) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--chaos needs --processes");
        }
        return switch (chaos) {
            case "relay" -> ProcessDevnet.Chaos.RELAY;
            case "broker" -> ProcessDevnet.Chaos.BROKER;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--chaos takes no value or 'broker', was '" + chaos + "'");
        };
    }

    static Path defaultDataDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "drey-devnet");
    }

    @Override
    public Integer call() throws Exception {
        Path dir = (dataDir == null ? defaultDataDir() : dataDir).toAbsolutePath();
        DevnetConfig config;
        try {
            DevnetConfig base = DevnetConfig.of(miners, threshold, faulty, dir);
            config = new DevnetConfig(base.miners(), base.threshold(), base.offline(), base.invalid(),
                    PairingCurves.byName(curve), dir, Duration.ofSeconds(stepTimeoutSeconds));
        } catch (RuntimeException e) {
            // a bad --miners/--threshold/--faulty/--curve is a usage error (64), not a failed run
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ProcessDevnet.Chaos faults = chaosOption();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        refuseForeign(dir);
        DevnetLock lock;
        try {
            lock = DevnetLock.acquire(dir);
        } catch (DevnetException e) {
            throw new CliException(e.getMessage());
        }
        wipe(dir);
        if (processes) {
            try {
                return ProcessDevnetRun.run(config, faults, json, keepRunning, out, err);
            } finally {
                lock.close();
            }
        }
        err.println("drey devnet: " + config.miners() + " miners, threshold " + config.threshold() + ", "
                + config.offline() + " offline and " + config.invalid() + " sending invalid shares; data in " + dir);
        err.flush();
        Devnet devnet = new Devnet(config, line -> {
            err.println("drey devnet: " + line);
            err.flush();
        });
        routeLogging(devnet);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            devnet.close();
            lock.close();
            err.println("drey devnet: stopped; data kept in " + dir);
            err.flush();
            done.countDown();
        }, "drey-devnet-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        DevnetReport report = devnet.run();
        if (json) {
            out.println(Json.write(toJson(report)));
        } else {
            printSummary(out, report);
        }
        out.flush();
        if (report.ok() && keepRunning) {
            err.println("drey devnet: relays stay up; connect with any nostr client as the demo client:");
            err.println("    demo client key (allowed on every relay): " + devnet.demoClientNsec());
            for (DevnetReport.Miner m : report.miners()) {
                err.println("    miner " + m.index() + " (" + m.role() + "): " + m.relayUrl());
            }
            err.println("    PoL service relay: " + report.polRelay());
            err.println("drey devnet: Ctrl-C stops it.");
            err.flush();
            done.await();
            return 0;
        }
        Runtime.getRuntime().removeShutdownHook(hook);
        devnet.close();
        lock.close();
        err.println("drey devnet: " + (report.ok() ? "done in " + report.elapsedMs() + " ms; data kept in " + dir
                + " (drey replay reads it)" : "FAILED: " + report.error()));
        err.flush();
        return report.ok() ? 0 : Drey.EXIT_FAILURE;
    }

    /** Every library's logging (the broker's through slf4j, the relays' gateways) into devnet.log, not the terminal. */
    private static void routeLogging(Devnet devnet) {
        Logger root = quietLogging();
        root.setLevel(Level.INFO);
        root.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (isLoggable(r)) {
                    devnet.log(r.getLevel() + " " + r.getLoggerName() + ": " + new SimpleFormatter().formatMessage(r));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    /** No library logging on the terminal (the broker's included); returns the root logger for a handler. */
    static Logger quietLogging() {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.setLevel(Level.WARNING);
        Logger.getLogger("kafka").setLevel(Level.WARNING);
        Logger.getLogger("org.apache.kafka").setLevel(Level.WARNING);
        Logger.getLogger("state.change.logger").setLevel(Level.WARNING);
        return root;
    }

    static Map<String, Object> toJson(DevnetReport r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("ok", r.ok());
        o.put("groupNpub", r.groupNpub());
        o.put("groupPublicKey", r.groupPublicKey());
        o.put("issuanceEvent", r.issuanceEvent() == null ? null : readTree(r.issuanceEvent().toJson()));
        if (r.roast() != null) {
            Map<String, Object> roast = new LinkedHashMap<>();
            roast.put("requestId", r.roast().requestId());
            roast.put("coordinator", r.roast().coordinatorNpub());
            roast.put("sessionsStarted", r.roast().sessionsStarted());
            roast.put("successfulSession", r.roast().successfulSession());
            List<Map<String, Object>> culprits = new ArrayList<>();
            for (DevnetReport.Culprit c : r.roast().culprits()) {
                culprits.add(Map.of("miner", c.miner(), "npub", c.npub()));
            }
            roast.put("culprits", culprits);
            o.put("roast", roast);
        } else {
            o.put("roast", null);
        }
        if (r.beacon() != null) {
            Map<String, Object> beacon = new LinkedHashMap<>();
            beacon.put("chainInfo", readTree(r.beacon().chainInfoJson()));
            List<Map<String, Object>> beacons = new ArrayList<>();
            for (dev.drey.beacon.BeaconOutput b : r.beacon().beacons()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("round", b.round());
                one.put("randomness", Hex.encode(b.randomness()));
                one.put("signature", Hex.encode(b.signature()));
                beacons.add(one);
            }
            beacon.put("beacons", beacons);
            beacon.put("onTimeShare", r.beacon().onTimeShare());
            o.put("beacon", beacon);
            Map<String, Object> vrf = new LinkedHashMap<>();
            vrf.put("input", Hex.encode(r.beacon().vrf().input()));
            vrf.put("output", Hex.encode(r.beacon().vrf().output()));
            vrf.put("proof", Hex.encode(r.beacon().vrf().proof()));
            vrf.put("pickedInvestor", r.beacon().pickedInvestor());
            o.put("vrf", vrf);
        }
        if (r.vote() != null) {
            Map<String, Object> vote = new LinkedHashMap<>();
            vote.put("proposalId", r.vote().proposalId());
            vote.put("tally", r.vote().tally());
            vote.put("resultEvent", readTree(r.vote().resultEvent().toJson()));
            vote.put("param", r.vote().param());
            vote.put("value", r.vote().value());
            o.put("vote", vote);
        } else {
            o.put("vote", null);
        }
        o.put("steps", stepsJson(r.steps()));
        o.put("elapsedMs", r.elapsedMs());
        List<Map<String, Object>> miners = new ArrayList<>();
        for (DevnetReport.Miner m : r.miners()) {
            miners.add(Map.of("index", m.index(), "npub", m.npub(), "relay", m.relayUrl(), "role", m.role()));
        }
        o.put("miners", miners);
        if (r.error() != null) {
            o.put("error", r.error());
        }
        return o;
    }

    private static void printSummary(PrintWriter out, DevnetReport r) {
        out.println("Drey devnet " + (r.ok() ? "succeeded" : "FAILED: " + r.error()));
        if (r.groupNpub() != null) {
            out.println("  group key      " + r.groupNpub());
        }
        for (DevnetReport.Step s : r.steps()) {
            out.printf("  %-14s %-4s %6d ms  %s%n", s.name(), s.ok() ? "ok" : "FAIL", s.ms(), s.detail());
        }
        if (r.roast() != null) {
            out.println("  ROAST          " + r.roast().sessionsStarted() + " session(s) started, signed in session "
                    + r.roast().successfulSession() + "; culprits "
                    + r.roast().culprits().stream().map(c -> "miner " + c.miner() + " (" + c.npub() + ")").toList());
        }
        out.println("  total          " + r.elapsedMs() + " ms");
        if (r.issuanceEvent() != null) {
            out.println("  issuance event (kind 3460, signed by the group key):");
            out.println(r.issuanceEvent().toJson());
        }
    }

    static JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Refuses a directory that holds anything but a devnet's files (it is about to be wiped). */
    static void refuseForeign(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> top = Files.list(dir)) {
            boolean foreign = top.anyMatch(p -> {
                String name = p.getFileName().toString();
                return !(name.equals("kafka") || name.equals("logs") || name.equals(DevnetLock.FILE) || name.equals("pol")
                        || name.startsWith("miner-") || name.equals("devnet.json") || name.equals("devnet.log"));
            });
            if (foreign) {
                throw new CliException(dir + " holds files that are not a devnet's; choose another --data-dir");
            }
        }
    }

    /** A devnet always starts from nothing (the lock file, held by this process, stays). */
    static void wipe(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir) && !p.equals(dir.resolve(DevnetLock.FILE))) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The {@code steps} array of both devnet modes' JSON: name, ok, ms and detail of each step, in order. */
    static List<Map<String, Object>> stepsJson(List<DevnetReport.Step> done) {
        List<Map<String, Object>> steps = new ArrayList<>();
        for (DevnetReport.Step s : done) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("ok", s.ok());
            m.put("ms", s.ms());
            m.put("detail", s.detail());
            steps.add(m);
        }
        return steps;
    }
}
