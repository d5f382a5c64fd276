package dev.drey.roast.app;

import dev.drey.miner.MinerFunctions;
import dev.drey.kafka.MessageFamily;
import dev.drey.kafka.Topics;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Derives the local consumer's channel settings from {@code drey.function}, {@code drey.kafka.topic-prefix}
 * and {@code drey.adapter}, so topic names come from {@link Topics} (the one place they are made) and the
 * same artifact runs either function: the topics it consumes, a consumer group per function, and the
 * channel switched off unless {@code drey.adapter=local} (Lambda and Knative deliver records themselves).
 * Explicit {@code mp.messaging.incoming.drey-in.*} settings still win (this source has a low ordinal).
 */
public class FunctionTopicsConfig implements ConfigSourceFactory {
    static final String PREFIX = "mp.messaging.incoming." + KafkaConsumerAdapter.CHANNEL + ".";
    static final String ADAPTER = "drey.adapter";

    /**
     * How records arrive: the configured {@code drey.adapter}, else lambda inside Lambda (its runtime API is set:
     * never start a consumer there, whatever the configuration forgot), else local.
     */
    static String adapter(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        return System.getenv("AWS_LAMBDA_RUNTIME_API") != null ? "lambda" : "local";
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String function = value(context, MinerFunctions.FUNCTION, MinerFunctions.ORCHESTRATOR);
        String prefix = value(context, FunctionBeans.TOPIC_PREFIX, "");
        String adapter = adapter(value(context, ADAPTER, null));
        Map<String, String> m = new HashMap<>();
        m.put(PREFIX + "enabled", Boolean.toString(adapter.equals("local")));
        try {
            Topics topics = Topics.withPrefix(prefix);
            List<String> names = new ArrayList<>();
            for (MessageFamily f : MinerFunctions.families(function)) {
                names.add(topics.topicFor(f));
            }
            m.put(PREFIX + "topics", String.join(",", names));
            m.put(PREFIX + "group.id", (prefix.isEmpty() ? "" : prefix + ".") + "drey-" + function);
        } catch (IllegalArgumentException e) {
            // Reported when the function is built (FunctionBeans), with the setting's name.
        }
        return List.of(new MapBackedConfigSource("drey-function-topics", m, 50) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(50);
    }

    private static String value(ConfigSourceContext c, String name, String fallback) {
        ConfigValue v = c.getValue(name);
        return v == null || v.getValue() == null || v.getValue().isBlank() ? fallback : v.getValue().strip();
    }
}
