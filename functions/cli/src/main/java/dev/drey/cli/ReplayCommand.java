package dev.drey.cli;

import dev.drey.devnet.DevnetException;
import dev.drey.devnet.TopicReplay;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code drey replay --topic T [--from-offset O]}: re-runs a (stopped) devnet miner's functions over one of its
 * Kafka topics; prints JSON saying how many outputs were already on the outbox and which, if any, are new.
 * Exit 0 when nothing changed, 1 when the replay produced new events.
 */
@Command(name = "replay", description = "Re-run a devnet miner's functions over one of its Kafka topics "
        + "(functions are idempotent: the result is unchanged). Stop the devnet first.")
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--topic", required = true, description = "the topic, m<miner>.drey.<family>, e.g. m3.drey.sign")
    String topic;

    @Option(names = "--from-offset", defaultValue = "0", description = "first offset to replay (default ${DEFAULT-VALUE})")
    long fromOffset;

    @Option(names = "--data-dir", description = "the devnet's data directory (default: the one `drey devnet` uses)")
    Path dataDir;

    @Override
    public Integer call() {
        Path dir = (dataDir == null ? DevnetCommand.defaultDataDir() : dataDir).toAbsolutePath();
        PrintWriter err = spec.commandLine().getErr();
        DevnetCommand.quietLogging();
        TopicReplay.Result r;
        try {
            r = TopicReplay.run(dir, topic, fromOffset, line -> {
                err.println("drey replay: " + line);
                err.flush();
            });
        } catch (DevnetException e) {
            throw new CliException(e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("topic", r.topic());
        out.put("miner", r.miner());
        out.put("fromOffset", r.fromOffset());
        out.put("records", r.records());
        out.put("handled", r.handled());
        out.put("outputs", r.outputs());
        out.put("alreadyPublished", r.alreadyPublished());
        out.put("newOutputs", r.newOutputs());
        out.put("failures", r.failures());
        out.put("unchanged", r.unchanged());
        spec.commandLine().getOut().println(Json.write(out));
        return r.unchanged() ? 0 : Drey.EXIT_INVALID;
    }
}
