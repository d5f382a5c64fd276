package dev.drey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.nostr.NostrParseException;
import dev.drey.nostr.NostrParser;
import dev.drey.nostr.Verification;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "event", description = "Sign and verify nostr events.",
        subcommands = {EventCommand.Sign.class, EventCommand.VerifyEvent.class})
final class EventCommand {

    @Command(name = "sign", description = "Read an event template {kind, content, tags, created_at?} on stdin; print the signed event.")
    static final class Sign implements Callable<Integer> {
        private static final Set<String> FIELDS = Set.of("kind", "content", "tags", "created_at");

        @Spec
        CommandSpec spec;

        @Option(names = "--secret-key-file", paramLabel = "FILE",
                description = "a file holding the signing key (hex or nsec1...)")
        java.nio.file.Path secretKeyFile;

        /** Only to refuse a key written on the command line with a clear message. */
        @Option(names = "--secret-key", hidden = true)
        String secretKey;

        @Override
        public Integer call() {
            byte[] sk = KeyInput.secretKey(SecretArgument.read("--secret-key", secretKey, secretKeyFile, null,
                    "the event template").orElseThrow(() -> new picocli.CommandLine.ParameterException(
                            spec.commandLine(), "Missing required option: '--secret-key-file=FILE'")), "--secret-key");
            EventTemplate template = parseTemplate(Stdin.readAll(System.in), System.currentTimeMillis() / 1000);
            Event event = template.sign(sk, new SecureRandom());
            spec.commandLine().getOut().println(event.toJson());
            return 0;
        }

        /** Strict: known fields only, right types; created_at defaults to now. */
        static EventTemplate parseTemplate(String text, long now) {
            JsonNode n;
            try {
                n = Json.MAPPER.readTree(text);
            } catch (Exception e) {
                throw new CliException("event template is not valid JSON");
            }
            if (n == null || !n.isObject()) {
                throw new CliException("event template must be a JSON object");
            }
            for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
                String f = it.next();
                if (!FIELDS.contains(f)) {
                    throw new CliException("event template: unknown field '" + f + "'");
                }
            }
            JsonNode kind = n.get("kind");
            if (kind == null || !kind.isIntegralNumber() || !kind.canConvertToInt()) {
                throw new CliException("event template: kind must be an integer in 0..65535");
            }
            JsonNode content = n.get("content");
            if (content == null || !content.isTextual()) {
                throw new CliException("event template: content must be a string");
            }
            List<List<String>> tags = new ArrayList<>();
            JsonNode t = n.get("tags");
            if (t != null) {
                if (!t.isArray()) {
                    throw new CliException("event template: tags must be an array of arrays of strings");
                }
                for (JsonNode tag : t) {
                    if (!tag.isArray()) {
                        throw new CliException("event template: each tag must be an array of strings");
                    }
                    List<String> values = new ArrayList<>();
                    for (JsonNode v : tag) {
                        if (!v.isTextual()) {
                            throw new CliException("event template: tag values must be strings");
                        }
                        values.add(v.textValue());
                    }
                    tags.add(values);
                }
            }
            JsonNode createdAt = n.get("created_at");
            long ts = now;
            if (createdAt != null) {
                if (!createdAt.isIntegralNumber() || !createdAt.canConvertToLong()) {
                    throw new CliException("event template: created_at must be an integer");
                }
                ts = createdAt.longValue();
            }
            try {
                return new EventTemplate(ts, kind.intValue(), tags, content.textValue());
            } catch (IllegalArgumentException e) {
                throw new CliException("event template: " + e.getMessage());
            }
        }
    }

    @Command(name = "verify", description = "Read an event on stdin; exit 0 {valid:true,id} or exit 1 {valid:false,reason}.")
    static final class VerifyEvent implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Map<String, Object> out = new LinkedHashMap<>();
            Event event;
            try {
                event = new NostrParser().parseEvent(Stdin.readAll(System.in).strip());
            } catch (NostrParseException e) {
                out.put("valid", false);
                out.put("reason", e.getMessage());
                spec.commandLine().getOut().println(Json.write(out));
                return Drey.EXIT_INVALID;
            }
            Verification v = event.verify();
            out.put("valid", v.isValid());
            if (v.isValid()) {
                out.put("id", event.id());
            } else {
                out.put("reason", v.message());
            }
            spec.commandLine().getOut().println(Json.write(out));
            return v.isValid() ? 0 : Drey.EXIT_INVALID;
        }
    }
}
