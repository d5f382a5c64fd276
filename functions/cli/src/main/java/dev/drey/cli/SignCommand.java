package dev.drey.cli;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.nostr.Verification;
import dev.drey.relay.MinerKey;
import dev.drey.relay.client.RelayClient;
import dev.drey.roast.Federation;
import dev.drey.roast.RoastCodec;
import dev.drey.roast.RoastKinds;
import dev.drey.roast.RoastMessage;
import dev.drey.roast.RoastMessageException;
import dev.drey.roast.SignRequest;
import dev.drey.roast.SignatureResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code drey sign request}: asks the federation for a group signature as a requester, and checks it. */
@Command(name = "sign", description = "Group signatures from the federation (ROAST over FROST, BIP-340).",
        subcommands = {SignCommand.Request.class})
final class SignCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required: request");
    }

    @Command(name = "request", description = "Publish a sign request (kind 3420) to every member's relay, wait for "
            + "the coordinator's result (kind 3424) and print the signature once it verifies under the group key "
            + "(exit 2 on a failed run, a bad signature or the timeout).")
    static final class Request implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--federation", required = true, paramLabel = "FILE", description = "the federation file "
                + "(with its group key)")
        Path federationFile;

        @Option(names = "--message", required = true, paramLabel = "HEX", description = "the 32 bytes to sign (64 hex "
                + "characters; for a group-signed nostr event, its id)")
        String message;

        @Option(names = "--purpose", required = true, description = "what is signed, for the signers' policy "
                + "(drey.signer.purposes)")
        String purpose;

        @Option(names = "--coordinator", paramLabel = "KEY", description = "a coordinator the signers trust (npub "
                + "or hex; repeatable; default: the federation file's first member)")
        List<String> coordinators = new ArrayList<>();

        @Option(names = "--payload-file", paramLabel = "FILE", description = "the thing signed, for the policy (e.g. "
                + "the unsigned issuance event as JSON)")
        Path payloadFile;

        @Option(names = "--authorization-file", paramLabel = "FILE", description = "evidence for the policy (e.g. the "
                + "proof-of-life claim event as JSON)")
        Path authorizationFile;

        @Mixin
        OperatorKey operator;

        @Option(names = "--timeout", defaultValue = "60", description = "seconds to wait for the result (default "
                + "${DEFAULT-VALUE})")
        int timeoutSeconds;

        @Override
        public Integer call() {
            if (timeoutSeconds < 1) {
                throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
            }
            if (!Hex.isLowerHex(message, 32)) {
                throw new ParameterException(spec.commandLine(), "--message must be 64 lowercase hex characters");
            }
            OperatorFederation f = OperatorFederation.read(federationFile);
            Federation group = f.requireSigning(federationFile);
            List<String> coords = new ArrayList<>();
            for (String c : coordinators) {
                coords.add(KeyInput.publicKeyHex(c, "--coordinator"));
            }
            if (coords.isEmpty()) {
                coords.add(f.members().get(0).pubkey());
            }
            coords.forEach(f::member);
            SignRequest draft;
            try {
                draft = new SignRequest("0".repeat(64), Hex.decode(message), purpose, coords, text(payloadFile,
                        "--payload-file"), text(authorizationFile, "--authorization-file"));
            } catch (RoastMessageException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            MinerKey me = operator.require();
            Progress progress = new Progress(spec.commandLine().getErr(), "drey sign");
            Event request = me.sign(RoastCodec.template(draft, System.currentTimeMillis() / 1000, f.pubkeys()));
            Map<String, Object> out = new LinkedHashMap<>();
            try (OperatorRelays relays = new OperatorRelays(me, Duration.ofSeconds(10))) {
                List<RelayClient> watching = new ArrayList<>();
                for (String c : coords) {
                    RelayClient rc = relays.client(f.member(c).relay());
                    rc.subscribe("result", Filter.builder().kinds(RoastKinds.SIGNATURE_RESULT).authors(c)
                            .tag('e', request.id()).build());
                    watching.add(rc);
                }
                List<String> took = relays.publishToAll(f, request, progress);
                progress.accept("sign request " + request.id() + " delivered to " + took.size() + "/"
                        + f.members().size() + " relays; waiting for the result");
                SignatureResult r = awaitResult(watching, coords, request.id(), Duration.ofSeconds(timeoutSeconds),
                        progress);
                if (!r.succeeded()) {
                    throw new CliException("the federation did not sign request " + request.id() + ": " + r.reason()
                            + "; culprits " + r.culprits().stream().map(id -> id.value().toBigInteger()).toList());
                }
                byte[] sig = r.signature();
                if (!Schnorr.verify(group.groupKeyXOnly(), Hex.decode(message), sig)) {
                    throw new CliException("the result of request " + request.id() + " carries a signature that does "
                            + "not verify under the group key");
                }
                out.put("requestId", request.id());
                out.put("message", message);
                out.put("purpose", purpose);
                out.put("groupPublicKey", group.groupPubkeyHex());
                out.put("signature", Hex.encode(sig));
                out.put("sessionId", r.sessionId());
                out.put("valid", true);
            }
            spec.commandLine().getOut().println(Json.write(out));
            return 0;
        }

        private static String text(Path file, String option) {
            if (file == null) {
                return "";
            }
            try {
                if (Files.size(file) > SecretArgument.MAX_FILE_BYTES) {
                    throw new CliException(option + ": " + file + " is larger than " + SecretArgument.MAX_FILE_BYTES
                            + " bytes");
                }
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (java.io.IOException e) {
                throw new CliException(option + ": cannot read " + file + ": " + e.getMessage());
            }
        }
    }

    /**
     * The first well-formed result for {@code requestId} signed by one of {@code coordinators}; anything else on the
     * relays (forged, malformed, someone else's) is skipped. Times out with a clear error.
     */
    static SignatureResult awaitResult(List<RelayClient> clients, List<String> coordinators, String requestId,
            Duration max, Progress progress) {
        long deadline = System.nanoTime() + max.toNanos();
        List<String> skipped = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            for (Event e : OperatorRelays.received(clients)) {
                if (skipped.contains(e.id())) {
                    continue;
                }
                Optional<SignatureResult> r = resultOf(e, coordinators, requestId);
                if (r.isPresent()) {
                    return r.get();
                }
                skipped.add(e.id());
                progress.accept("skipped event " + e.id() + ": not a signed result of this request by a coordinator");
            }
            Progress.pause(100);
        }
        throw new CliException("no signature result for request " + requestId + " within " + max.toSeconds()
                + " s (is the coordinator's relay up, and does the signers' policy accept this purpose and requester?)");
    }

    static Optional<SignatureResult> resultOf(Event e, List<String> coordinators, String requestId) {
        if (e.kind() != RoastKinds.SIGNATURE_RESULT || !coordinators.contains(e.pubkey())
                || e.verify() != Verification.VALID) {
            return Optional.empty();
        }
        try {
            RoastMessage m = RoastCodec.decode(e);
            return m instanceof SignatureResult r && r.requestId().equals(requestId) ? Optional.of(r) : Optional.empty();
        } catch (RoastMessageException ex) {
            return Optional.empty();
        }
    }
}
