package dev.drey.devnet.processes;

import dev.drey.devnet.DevnetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Starts OS processes, waits until each is ready, restarts one that dies (counting restarts, giving up after
 * {@link #MAX_RESTARTS}: a process that cannot stay up is a failure, not a loop), and stops every one of them, and
 * their children, on {@link #close()}, on JVM shutdown (Ctrl-C) or when the caller fails. Each process's output is
 * appended to its own log file; progress lines go to the caller's consumer (stderr in {@code drey devnet}).
 *
 * <p>Children get a clean environment (only {@code PATH}, {@code HOME}, {@code TMPDIR}, {@code LANG},
 * {@code JAVA_HOME} are inherited) plus their spec's: a stray setting in the operator's shell must not configure
 * a miner's function differently from what the devnet wrote.
 */
public final class ProcessSupervisor implements AutoCloseable {
    public static final int MAX_RESTARTS = 5;
    private static final List<String> INHERITED_ENV = List.of("PATH", "HOME", "TMPDIR", "LANG", "JAVA_HOME");
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Consumer<String> progress;
    private final Duration readyTimeout;
    private final Predicate<URI> probe;
    private final Map<String, Managed> processes = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Set<Long> everStarted = ConcurrentHashMap.newKeySet();
    private final Thread watchdog;
    private final Thread shutdownHook;
    private volatile boolean stopping;
    private volatile String failure;

    private static final class Managed {
        final ProcessSpec spec;
        volatile Process process;
        volatile int restarts;
        volatile boolean ready;

        Managed(ProcessSpec spec, Process process) {
            this.spec = spec;
            this.process = process;
        }
    }

    /** Readiness over HTTP: a 200 from the spec's {@code ready} URI. */
    public ProcessSupervisor(Consumer<String> progress, Duration readyTimeout) {
        this(progress, readyTimeout, httpProbe());
    }

    public ProcessSupervisor(Consumer<String> progress, Duration readyTimeout, Predicate<URI> probe) {
        this.progress = progress;
        this.readyTimeout = readyTimeout;
        this.probe = probe;
        this.watchdog = new Thread(this::watch, "devnet-process-watchdog");
        this.watchdog.setDaemon(true);
        this.watchdog.start();
        this.shutdownHook = new Thread(this::stopAll, "devnet-process-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts {@code spec}'s process and waits until it is ready; a process that exits first fails with its log. */
    public ProcessInfo start(ProcessSpec spec) {
        return startAll(List.of(spec)).get(0);
    }

    /**
     * Starts every process at once (JVM starts overlap), then waits for each to be ready. If one fails, the others
     * of this batch are stopped too and the failure names it, with the end of its log.
     */
    public List<ProcessInfo> startAll(List<ProcessSpec> specs) {
        List<Managed> started = new ArrayList<>();
        try {
            for (ProcessSpec spec : specs) {
                if (stopping) {
                    throw new DevnetException("the supervisor is stopping; " + spec.name() + " not started");
                }
                if (processes.containsKey(spec.name())) {
                    throw new DevnetException(spec.name() + " is already running");
                }
                started.add(new Managed(spec, launch(spec)));
            }
            for (Managed m : started) {
                awaitReady(m);
                progress.accept(m.spec.name() + " ready (pid " + m.process.pid() + ")");
            }
        } catch (RuntimeException e) {
            started.forEach(m -> m.process.destroyForcibly());
            throw e;
        }
        started.forEach(m -> processes.put(m.spec.name(), m));
        return started.stream().map(ProcessSupervisor::info).toList();
    }

    /** Stops {@code name}'s process for good (SIGTERM, then SIGKILL after the grace time); it is not restarted. */
    public void stop(String name) {
        Managed m = processes.remove(name);
        if (m == null) {
            throw new DevnetException("no supervised process named " + name);
        }
        m.process.descendants().forEach(ProcessHandle::destroy);
        m.process.destroy();
        try {
            if (!m.process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                m.process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            m.process.destroyForcibly();
        }
        progress.accept(name + " stopped");
    }

    /** SIGKILLs {@code name}'s process (chaos); the watchdog restarts it. Returns the killed pid. */
    public long kill(String name) {
        Managed m = managed(name);
        Process p = m.process;
        m.ready = false;
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        progress.accept(name + ": SIGKILL sent to pid " + p.pid());
        return p.pid();
    }

    /** Waits until {@code name} has been restarted more than {@code restartsBefore} times and is ready again. */
    public boolean awaitRecovered(String name, int restartsBefore, Duration timeout) {
        Managed m = managed(name);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && failure == null) {
            if (m.restarts > restartsBefore && m.ready && m.process.isAlive()) {
                return true;
            }
            sleep(POLL);
        }
        return false;
    }

    /** The restart count of {@code name}. */
    public int restarts(String name) {
        return managed(name).restarts;
    }

    /** Why supervision failed (a process kept dying), if it did. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    public List<ProcessInfo> processes() {
        synchronized (processes) {
            return processes.values().stream().map(ProcessSupervisor::info).toList();
        }
    }

    /** Every pid this supervisor ever started that is still alive (empty after {@link #close()}). */
    public List<Long> livePids() {
        return everStarted.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .sorted().toList();
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is what called us, or will find nothing left to stop
        }
    }

    /** Stops every process, the last started first (functions before their relay, relays before the broker). */
    private void stopAll() {
        stopping = true;
        watchdog.interrupt();
        List<Managed> all;
        synchronized (processes) {
            all = new ArrayList<>(processes.values());
        }
        Collections.reverse(all);
        for (Managed m : all) {
            m.process.descendants().forEach(ProcessHandle::destroy);
            m.process.destroy();
        }
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (Managed m : all) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!m.process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    m.process.descendants().forEach(ProcessHandle::destroyForcibly);
                    m.process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                m.process.destroyForcibly();
            }
        }
        // anything started but never registered (it failed its readiness wait) is stopped by awaitReady itself
    }

    private void watch() {
        while (!stopping) {
            List<Managed> all;
            synchronized (processes) {
                all = new ArrayList<>(processes.values());
            }
            for (Managed m : all) {
                if (stopping) {
                    return;
                }
                if (!m.process.isAlive() && processes.get(m.spec.name()) == m) { // not stopped meanwhile
                    restart(m);
                }
            }
            if (!sleep(POLL)) {
                return;
            }
        }
    }

    private void restart(Managed m) {
        String name = m.spec.name();
        int exit = m.process.exitValue();
        m.ready = false;
        if (m.restarts >= MAX_RESTARTS) {
            if (failure == null) {
                failure = name + " died " + (m.restarts + 1) + " times (last exit " + exit + "); see " + m.spec.logFile();
                progress.accept(failure);
            }
            return;
        }
        progress.accept(name + " exited (" + exit + "); restarting");
        try {
            m.process = launch(m.spec);
            m.restarts++;
            awaitReady(m);
            progress.accept(name + " restarted (pid " + m.process.pid() + ", restart " + m.restarts + ")");
        } catch (DevnetException e) {
            if (!stopping) {
                progress.accept(name + ": restart failed: " + e.getMessage());
            }
        }
    }

    private Process launch(ProcessSpec spec) {
        try {
            Files.createDirectories(spec.workDir());
            Files.createDirectories(spec.logFile().toAbsolutePath().getParent());
            ProcessBuilder pb = new ProcessBuilder(spec.command()).directory(spec.workDir().toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Map<String, String> env = pb.environment();
            Map<String, String> inherited = new LinkedHashMap<>();
            for (String k : INHERITED_ENV) {
                if (env.get(k) != null) {
                    inherited.put(k, env.get(k));
                }
            }
            env.clear();
            env.putAll(inherited);
            env.putAll(spec.env());
            Process p = pb.start();
            everStarted.add(p.pid());
            return p;
        } catch (IOException e) {
            throw new DevnetException("cannot start " + spec.name() + " (" + spec.command().get(0) + "): "
                    + e.getMessage());
        }
    }

    private void awaitReady(Managed m) {
        ProcessSpec spec = m.spec;
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        while (true) {
            Process p = m.process;
            if (!p.isAlive()) {
                throw new DevnetException(spec.name() + " exited (" + p.exitValue() + ") before it was ready; "
                        + spec.logFile() + " ends with:\n" + logTail(spec.logFile(), 15));
            }
            if (spec.ready() == null || probe.test(spec.ready())) {
                m.ready = true;
                return;
            }
            if (stopping || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new DevnetException(spec.name() + " not ready at " + spec.ready() + " within "
                        + readyTimeout.toSeconds() + " s; see " + spec.logFile());
            }
            sleep(POLL);
        }
    }

    private Managed managed(String name) {
        Managed m = processes.get(name);
        if (m == null) {
            throw new DevnetException("no supervised process named " + name);
        }
        return m;
    }

    private static ProcessInfo info(Managed m) {
        return new ProcessInfo(m.spec.miner(), m.spec.role(), m.process.pid(), m.restarts,
                m.spec.metrics() == null ? null : m.spec.metrics().toString());
    }

    static String logTail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * {@code http:} GET the URI, ready on 200; {@code tcp://host:port} (the broker, which serves no HTTP): ready
     * once it accepts a connection. Connection refused and the like mean "not yet".
     */
    public static Predicate<URI> httpProbe() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return uri -> {
            if ("tcp".equals(uri.getScheme())) {
                try (java.net.Socket s = new java.net.Socket()) {
                    s.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
                    return true;
                } catch (IOException e) {
                    return false;
                }
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET()
                        .build(), HttpResponse.BodyHandlers.discarding());
                return r.statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
    }
}
