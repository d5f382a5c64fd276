package dev.drey.roast.app;

import dev.drey.kafka.EventLogReader;
import dev.drey.kafka.OutboxRecord;
import dev.drey.kafka.Topics;
import dev.drey.miner.MinerFunctions;
import dev.drey.miner.ShareFunction;
import dev.drey.nostr.Event;
import dev.drey.nostr.NostrParser;
import dev.drey.pol.PolApp;
import dev.drey.pol.PolVerifier;
import dev.drey.pol.ShareCollector;
import dev.drey.pol.protocol.DtaMessages;
import dev.drey.secrets.ScryptParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Writes what the cold-start measurement (src/test/coldstart/measure.sh, docs/PERFORMANCE.md) feeds the
 * packaged app, for each of the four functions, under {@code <dir>/<function>/}:
 * <ul>
 * <li>{@code keys}: the key file (default scrypt cost, as deployed), the federation file for the ROAST
 * functions, and {@code settings.env}, the function's settings as environment variables, one
 * {@code NAME=value} a line (the same settings the Quarkus tests boot with, {@link KafkaAndKeysResource});
 * <li>{@code events}: the first event as a KafkaSource CloudEvent ({@code event.json} and
 * {@code curl-headers}, curl's header arguments): a sign request for the ROAST functions, a client-secret
 * request (3430) for dta-function, a server-secret request (3440) for mpin-function. Share requests expire
 * within five minutes, so the measurement writes fresh events every round.
 * <li>{@code check}: reads the outbox topic and fails unless every answer to the current dta-function and
 * mpin-function events (of those named) is a share the requester accepts ({@link ShareCollector}), and there are as many
 * as expected, so no figure is of a refused (cheaper) request.
 * </ul>
 * Usage: {@code java -cp <test classpath> dev.drey.roast.app.ColdStartFixture keys <dir> <passphrase> |
 * events <dir> | check <dir> <bootstrap servers> <answers per request>}, each optionally followed by the
 * functions (default: all four).
 */
public final class ColdStartFixture {
    static final List<String> FUNCTIONS = List.of(MinerFunctions.ORCHESTRATOR, MinerFunctions.SIGNER,
            ShareFunction.DTA, ShareFunction.MPIN);

    private ColdStartFixture() {
    }

    public static void main(String[] args) throws IOException {
        int fixed = args.length == 0 ? 0 : switch (args[0]) {
            case "keys" -> 3;
            case "events" -> 2;
            case "check" -> 4;
            default -> 0;
        };
        if (fixed == 0 || args.length < fixed || args[0].equals("check") && !args[3].matches("[0-9]{1,4}")) {
            System.err.println("usage: ColdStartFixture keys <dir> <passphrase> | events <dir>"
                    + " | check <dir> <bootstrap servers> <answers per request>, each followed by the functions"
                    + " (default: all four)");
            System.exit(2);
        }
        Path root = Path.of(args[1]);
        List<String> functions = args.length == fixed ? FUNCTIONS : List.of(args).subList(fixed, args.length);
        for (String f : functions) {
            MinerFunctions.families(f); // refuses an unknown name, listing the four
        }
        if (args[0].equals("check")) {
            String problem = check(root, args[2], Integer.parseInt(args[3]), functions);
            if (problem != null) {
                System.err.println("check: " + problem);
                System.exit(1);
            }
            return;
        }
        for (String function : functions) {
            Path dir = root.resolve(function);
            Files.createDirectories(dir);
            if (args[0].equals("keys")) {
                writeKeys(function, dir, args[2]);
            } else {
                writeEvent(function, dir);
            }
        }
    }

    static void writeKeys(String function, Path dir, String passphrase) throws IOException {
        Map<String, String> settings = new TreeMap<>(
                KafkaAndKeysResource.functionSettings(function, dir.toAbsolutePath(), passphrase, ScryptParams.DEFAULT));
        StringBuilder env = new StringBuilder();
        for (Map.Entry<String, String> s : settings.entrySet()) {
            // MicroProfile Config's environment-variable form of a property name
            env.append(s.getKey().replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT)).append('=')
                    .append(s.getValue()).append('\n');
        }
        Files.writeString(dir.resolve("settings.env"), env.toString());
    }

    static void writeEvent(String function, Path dir) throws IOException {
        long now = Instant.now().getEpochSecond();
        String requestId = TestDtaFederation.freshRequestId();
        Event event = switch (function) {
            case ShareFunction.DTA -> new TestDtaFederation().clientSecretRequest(requestId, now, now + 300,
                    KafkaAndKeysResource.SHARE_MINER);
            case ShareFunction.MPIN -> new TestDtaFederation().serverSecretRequest(requestId, now, now + 300);
            default -> new TestFederation().signRequest(new SecureRandom().nextInt(1 << 16));
        };
        Files.writeString(dir.resolve("event.json"), event.toJson());
        if (TestDtaFederation.isShareFunction(function)) {
            Files.writeString(dir.resolve("request-id"), requestId);
        }
        StringBuilder curl = new StringBuilder();
        String topic = Topics.unprefixed().topicFor(event.kind());
        for (Map.Entry<String, String> h : CloudEvents.headers(event, topic, 0, 1, Instant.now()).entrySet()) {
            curl.append("-H\n").append(h.getKey()).append(": ").append(h.getValue()).append('\n');
        }
        Files.writeString(dir.resolve("curl-headers"), curl.toString());
    }

    /**
     * Null if every answer on the outbox to the current share requests is a share the requester accepts and
     * there are {@code expected} of them; otherwise what is wrong.
     */
    static String check(Path root, String bootstrapServers, int expected, List<String> functions) throws IOException {
        List<Event> outbox = new ArrayList<>();
        try (EventLogReader<OutboxRecord> reader = EventLogReader.outbox(bootstrapServers, Topics.unprefixed().outbox())) {
            Map<TopicPartition, Long> end = reader.endOffsets();
            while (!reader.hasReached(end)) {
                reader.poll(Duration.ofMillis(200), (o, pos) -> outbox.add(o.event()));
            }
        }
        TestDtaFederation dta = new TestDtaFederation();
        for (String function : functions) {
            if (!TestDtaFederation.isShareFunction(function)) {
                continue;
            }
            Path event = root.resolve(function).resolve("event.json");
            Event request = new NostrParser().parseEvent(Files.readString(event));
            List<Event> answers = outbox.stream().filter(e -> e.firstTagValue("e").equals(Optional.of(request.id()))).toList();
            String requestId = Files.readString(root.resolve(function).resolve("request-id"));
            for (Event answer : answers) {
                Optional<String> refusal = DtaMessages.refusalCode(answer);
                if (refusal.isPresent()) {
                    return function + " refused " + requestId + ": " + refusal.get();
                }
                ShareCollector.Collected c = function.equals(ShareFunction.DTA)
                        ? new PolApp(dta.federation, dta.appSecret).clientSecretShares(requestId, dta.identityHash(), List.of(answer))
                        : PolVerifier.serverSecretShares(dta.federation, dta.serviceKey, requestId, List.of(answer));
                if (c.valid().size() != 1) {
                    return function + "'s answer " + answer.id() + " to " + requestId + " is not a valid share: " + c.forgers();
                }
            }
            if (answers.size() != expected) {
                return function + ": " + answers.size() + " answers to " + requestId + ", expected " + expected;
            }
        }
        return null;
    }
}
