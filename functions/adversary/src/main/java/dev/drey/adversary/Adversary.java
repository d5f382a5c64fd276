package dev.drey.adversary;

import dev.drey.adversary.scenarios.AuthReplay;
import dev.drey.adversary.scenarios.ClaimReuse;
import dev.drey.adversary.scenarios.DeadRecipient;
import dev.drey.adversary.scenarios.DkgEquivocation;
import dev.drey.adversary.scenarios.EarlyMessageFlood;
import dev.drey.adversary.scenarios.MpinReplay;
import dev.drey.adversary.scenarios.NonceRollback;
import dev.drey.adversary.scenarios.OrchestratorRedelivery;
import dev.drey.adversary.scenarios.PeerPullInjection;
import dev.drey.adversary.scenarios.PinGuessRace;
import dev.drey.adversary.scenarios.SlowReaderFlood;
import dev.drey.adversary.scenarios.StaleClaim;
import dev.drey.adversary.scenarios.TransientKvFailure;
import dev.drey.adversary.scenarios.UnauthorisedSignRequest;
import dev.drey.adversary.scenarios.VoteChosenSubset;
import dev.drey.devnet.DevnetException;
import dev.drey.devnet.DevnetFederation;
import dev.drey.devnet.DevnetSteps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code drey adversary}: the scenarios by name, and the runner that gives each a fresh federation (in its own
 * directory under the run's), plays it with a time limit, and always tears the federation down.
 */
public final class Adversary {
    /** How long one scenario may take, federation start-up included, before it counts as failed. */
    public static final Duration SCENARIO_LIMIT = Duration.ofSeconds(360);

    private static final Map<String, Supplier<Scenario>> SCENARIOS = new LinkedHashMap<>();

    static {
        register(UnauthorisedSignRequest::new);
        register(ClaimReuse::new);
        register(StaleClaim::new);
        register(PinGuessRace::new);
        register(DkgEquivocation::new);
        register(OrchestratorRedelivery::new);
        register(NonceRollback::new);
        register(AuthReplay::new);
        register(PeerPullInjection::new);
        register(EarlyMessageFlood::new);
        register(MpinReplay::new);
        register(SlowReaderFlood::new);
        register(TransientKvFailure::new);
        register(DeadRecipient::new);
        register(VoteChosenSubset::new);
    }

    private Adversary() {
    }

    private static void register(Supplier<Scenario> s) {
        SCENARIOS.put(s.get().name(), s);
    }

    /** Every scenario's name, in the order {@code --all} runs them. */
    public static List<String> names() {
        return List.copyOf(SCENARIOS.keySet());
    }

    /** A fresh instance of scenario {@code name}; an unknown name is an {@link IllegalArgumentException}. */
    public static Scenario create(String name) {
        Supplier<Scenario> s = SCENARIOS.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no scenario \"" + name + "\"; `drey adversary list` names them");
        }
        return s.get();
    }

    /** Runs the named scenarios in order, each in {@code baseDir/NAME} (wiped first). */
    public static AdversaryReport run(List<String> names, Path baseDir, Consumer<String> progress) {
        List<Scenario> scenarios = names.stream().map(Adversary::create).toList(); // unknown names fail up front
        List<ScenarioResult> results = new ArrayList<>();
        for (Scenario s : scenarios) {
            ScenarioResult r = run(s, baseDir.resolve(s.name()), progress, SCENARIO_LIMIT);
            progress.accept(s.name() + ": " + (r.passed() ? "PASSED" : "FAILED") + " in " + r.ms() + " ms: "
                    + r.observed());
            results.add(r);
        }
        return AdversaryReport.of(results);
    }

    /** One scenario against a fresh federation in {@code dir}; any failure to run it is a failed result. */
    public static ScenarioResult run(Scenario s, Path dir, Consumer<String> progress, Duration limit) {
        long t0 = System.nanoTime();
        wipe(dir);
        Consumer<String> tagged = line -> progress.accept(s.name() + ": " + line);
        DevnetFederation federation = s.prepare(DevnetFederation.builder(s.config(dir))).build();
        ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "adversary-" + s.name());
            t.setDaemon(true);
            return t;
        });
        Outcome outcome;
        try {
            Future<Outcome> f = exec.submit(() -> {
                federation.start(new DevnetSteps(tagged));
                tagged.accept("attacking ...");
                return s.run(federation);
            });
            outcome = f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            outcome = new Outcome(false, "did not finish within " + limit.toSeconds() + " s", Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = new Outcome(false, "interrupted", Map.of());
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            String why = c instanceof DevnetException ? c.getMessage() : String.valueOf(c);
            outcome = new Outcome(false, "could not run the attack: " + why, Map.of());
        } finally {
            exec.shutdownNow();
            federation.close();
        }
        return new ScenarioResult(s.name(), outcome.passed(), s.expected(), outcome.observed(), outcome.figures(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    private static void wipe(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }
}
