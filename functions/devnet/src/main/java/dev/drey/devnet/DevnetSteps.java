package dev.drey.devnet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs named steps in order, timing each, telling {@code progress} as {@code drey devnet} shows it, and keeping
 * what each did for the report; a failing step ends the run with a {@link DevnetException} naming it.
 */
public final class DevnetSteps {
    private final Consumer<String> progress;
    private final List<DevnetReport.Step> done = new ArrayList<>();

    public DevnetSteps(Consumer<String> progress) {
        this.progress = progress;
    }

    /** A step whose result is the detail shown. */
    public String step(String name, Supplier<String> work) {
        return step(name, work, detail -> detail);
    }

    public <T> T step(String name, Supplier<T> work, Function<T, String> describe) {
        progress.accept("[" + (done.size() + 1) + "] " + name + " ...");
        long t0 = System.nanoTime();
        try {
            T result = work.get();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            String detail = describe.apply(result);
            done.add(new DevnetReport.Step(name, true, ms, detail));
            progress.accept("    " + name + " ok in " + ms + " ms" + (detail.isEmpty() ? "" : ": " + detail));
            return result;
        } catch (RuntimeException e) {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            String why = e instanceof DevnetException ? e.getMessage() : e.toString();
            done.add(new DevnetReport.Step(name, false, ms, why));
            progress.accept("    " + name + " FAILED after " + ms + " ms: " + why);
            throw e instanceof DevnetException d ? d : new DevnetException(name + ": " + why, e);
        }
    }

    public List<DevnetReport.Step> done() {
        return List.copyOf(done);
    }
}
