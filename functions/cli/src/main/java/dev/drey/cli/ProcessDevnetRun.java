package dev.drey.cli;

import dev.drey.devnet.DevnetConfig;
import dev.drey.devnet.DevnetException;
import dev.drey.devnet.DevnetReport;
import dev.drey.devnet.ProcessDevnet;
import dev.drey.devnet.processes.Artifacts;
import dev.drey.devnet.processes.ChaosAction;
import dev.drey.devnet.processes.ProcessInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code drey devnet --processes}: the host side of {@link ProcessDevnet}. Progress on stderr, a summary (or one
 * JSON object) on stdout; every process is stopped at the end, on failure and on Ctrl-C, and the pids still
 * alive afterwards are counted (the run fails if any is).
 */
final class ProcessDevnetRun {
    private ProcessDevnetRun() {
    }

    static int run(DevnetConfig config, ProcessDevnet.Chaos chaos, boolean json, boolean keepRunning, PrintWriter out,
            PrintWriter err) throws InterruptedException {
        Artifacts artifacts;
        try {
            artifacts = Artifacts.under(Artifacts.projectRoot());
        } catch (DevnetException e) {
            throw new CliException(e.getMessage());
        }
        ProcessDevnet devnet = new ProcessDevnet(config, artifacts, chaos, line -> {
            err.println("drey devnet: " + line);
            err.flush();
        });
        CountDownLatch interrupted = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            devnet.close();
            interrupted.countDown();
        }, "drey-devnet-processes-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ProcessDevnet.Report report = devnet.run();
        if (report.ok() && keepRunning) {
            print(out, report, json, null);
            err.println("drey devnet: every process stays up until Ctrl-C:");
            for (ProcessInfo p : report.processes()) {
                err.println("    " + name(p) + " pid " + p.pid() + (p.metricsUrl() == null ? "" : " " + p.metricsUrl()));
            }
            err.flush();
            interrupted.await();
            return 0;
        }
        Runtime.getRuntime().removeShutdownHook(hook);
        List<Long> alive = devnet.stop();
        print(out, report, json, alive);
        boolean ok = report.ok() && alive.isEmpty();
        err.println("drey devnet: " + (ok ? "done in " + report.elapsedMs() + " ms; logs in " + config.dataDir()
                .resolve("logs") : "FAILED: " + (report.error() != null ? report.error() : "pids still alive " + alive)));
        err.flush();
        return ok ? 0 : Drey.EXIT_FAILURE;
    }

    private static String name(ProcessInfo p) {
        return p.miner() == 0 ? p.role() : "miner " + p.miner() + " " + p.role();
    }

    private static void print(PrintWriter out, ProcessDevnet.Report r, boolean json, List<Long> alive) {
        if (json) {
            out.println(Json.write(toJson(r, alive)));
        } else {
            out.println("Drey devnet (processes) " + (r.ok() ? "succeeded" : "FAILED: " + r.error()));
            for (DevnetReport.Step s : r.steps()) {
                out.printf("  %-14s %-4s %6d ms  %s%n", s.name(), s.ok() ? "ok" : "FAIL", s.ms(), s.detail());
            }
            for (ProcessInfo p : r.processes()) {
                out.printf("  %-22s pid %-8d restarts %d%n", name(p), p.pid(), p.restarts());
            }
            for (ChaosAction c : r.chaos()) {
                out.println("  chaos: " + c.action() + " " + c.target() + " during " + c.atStep() + ": "
                        + (c.recovered() ? "recovered" : "NOT recovered"));
            }
            if (alive != null) {
                out.println("  processes alive after stop: " + alive.size());
            }
        }
        out.flush();
    }

    static Map<String, Object> toJson(ProcessDevnet.Report r, List<Long> alive) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("ok", r.ok() && (alive == null || alive.isEmpty()));
        o.put("mode", "processes");
        o.put("steps", DevnetCommand.stepsJson(r.steps()));
        o.put("elapsedMs", r.elapsedMs());
        List<Map<String, Object>> processes = new ArrayList<>();
        for (ProcessInfo p : r.processes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("miner", p.miner());
            m.put("role", p.role());
            m.put("pid", p.pid());
            m.put("restarts", p.restarts());
            m.put("metricsUrl", p.metricsUrl());
            processes.add(m);
        }
        o.put("processes", processes);
        if (!r.chaos().isEmpty()) {
            List<Map<String, Object>> chaos = new ArrayList<>();
            for (ChaosAction c : r.chaos()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("action", c.action());
                m.put("target", c.target());
                m.put("atStep", c.atStep());
                m.put("recovered", c.recovered());
                chaos.add(m);
            }
            o.put("chaos", chaos);
        }
        if (alive != null) {
            o.put("aliveAfterStop", alive);
        }
        if (r.error() != null) {
            o.put("error", r.error());
        }
        return o;
    }
}
