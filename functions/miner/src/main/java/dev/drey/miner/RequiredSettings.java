package dev.drey.miner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The settings without which a function does not start: the one list both the start-up validation
 * ({@link #check}) and the deployment check read. {@code infra/required-settings.json} is its export
 * ({@link #toJson}, kept equal by RequiredSettingsTest); infra/terraform's check evaluates every function's
 * environment from {@code terraform.tfvars.example} against it. A requirement is met when any of its
 * settings is set (non-blank); one with {@code onlyIf} applies only when that setting has that value.
 */
public final class RequiredSettings {
    /** Where a requirement is checked: by {@link MinerFunctions#create} or by the deployable at start. */
    public enum Scope { FUNCTION, DEPLOYMENT }

    public record Requirement(Scope scope, List<String> anyOf, String onlyIfSetting, String onlyIfValue, String why) {
        public Requirement {
            anyOf = List.copyOf(anyOf);
        }

        boolean applies(UnaryOperator<String> settings) {
            if (onlyIfSetting == null) {
                return true;
            }
            String v = settings.apply(onlyIfSetting);
            return v != null && v.strip().equalsIgnoreCase(onlyIfValue);
        }

        boolean met(UnaryOperator<String> settings) {
            return anyOf.stream().map(settings).anyMatch(v -> v != null && !v.isBlank());
        }

        String describe() {
            return String.join(" or ", anyOf.stream().map(n -> n + " (" + envName(n) + ")").toList())
                    + (onlyIfSetting == null ? "" : " when " + onlyIfSetting + "=" + onlyIfValue) + ": " + why;
        }
    }

    /** Read by the deployables (FunctionBeans); listed here so the deployment check sees them. */
    public static final String KAFKA_BOOTSTRAP = "kafka.bootstrap.servers";
    public static final String SECRETS_PATH = "drey.secrets.path";
    public static final String SECRETS_FILE_BASE64 = "drey.secrets.file-base64";
    public static final String SECRETS_BACKEND = "drey.secrets.backend";
    public static final String KMS_KEY_ID = "drey.kms.key-id";
    public static final String PASSPHRASE = "drey.secrets.passphrase";
    public static final String PASSPHRASE_FILE = "drey.secrets.passphrase-file";

    /** The functions this list knows: a function without an entry here is refused by the deployment check. */
    public static final List<String> FUNCTIONS = List.of(MinerFunctions.SIGNER, MinerFunctions.ORCHESTRATOR,
            ShareFunction.DTA, ShareFunction.MPIN, DkgFunction.NAME, VoteFunction.NAME);

    private RequiredSettings() {
    }

    /** What {@code function} needs to start, deployment settings first. */
    public static List<Requirement> of(String function) {
        MinerFunctions.families(function); // refuses an unknown function with the list of known ones
        List<Requirement> out = new ArrayList<>(List.of(
                req(Scope.DEPLOYMENT, "the Kafka cluster the outbox and dead-letter producers write to", KAFKA_BOOTSTRAP),
                req(Scope.DEPLOYMENT, "the miner's sealed key file (a path, or the file itself in base64)",
                        SECRETS_PATH, SECRETS_FILE_BASE64),
                new Requirement(Scope.DEPLOYMENT, List.of(KMS_KEY_ID), SECRETS_BACKEND, "kms",
                        "the KMS key that opens an envelope-sealed key file"),
                new Requirement(Scope.DEPLOYMENT, List.of(PASSPHRASE, PASSPHRASE_FILE), SECRETS_BACKEND, "file",
                        "the passphrase of a passphrase-sealed key file"),
                req(Scope.FUNCTION, "which function the artifact runs", MinerFunctions.FUNCTION)));
        switch (function) {
            case MinerFunctions.ORCHESTRATOR, VoteFunction.NAME -> out.add(federation());
            case MinerFunctions.SIGNER -> {
                out.add(federation());
                out.add(req(Scope.FUNCTION, "the coordinators whose signing packages are answered",
                        MinerFunctions.TRUSTED_COORDINATORS));
                out.add(req(Scope.FUNCTION, "the requesters allowed to ask for a group signature (the other is for tests)",
                        MinerFunctions.REQUESTERS, MinerFunctions.ALLOW_ANY_REQUESTER));
                out.add(req(Scope.FUNCTION, "the PoL service key whose claims authorise issuances (not needed only when "
                        + MinerFunctions.PURPOSES + " excludes issuances)", MinerFunctions.POL_SERVICE_KEY,
                        MinerFunctions.PURPOSES));
            }
            case ShareFunction.DTA, ShareFunction.MPIN -> out.add(req(Scope.FUNCTION,
                    "the PoL service keys whose share requests are answered", MinerFunctions.POL_SERVICE_KEYS));
            case DkgFunction.NAME -> out.add(req(Scope.FUNCTION, "whose DKG start requests are followed",
                    MinerFunctions.DKG_INITIATORS));
            default -> {
                // a function with only the common requirements
            }
        }
        return List.copyOf(out);
    }

    /** Refuses to start with every unmet requirement of {@code scope} named (names only, never values). */
    public static void check(String function, Scope scope, UnaryOperator<String> settings) {
        List<String> missing = new ArrayList<>();
        for (Requirement r : of(function)) {
            if (r.scope() == scope && r.applies(settings) && !r.met(settings)) {
                missing.add(r.describe());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(function + " cannot start, required settings are not set: "
                    + String.join("; ", missing));
        }
    }

    /** The environment variable MicroProfile Config reads a property from ({@code drey.kms.key-id} → {@code DREY_KMS_KEY_ID}). */
    public static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The export infra/terraform's check reads: function → requirements, settings as environment variables. */
    public static String toJson() {
        Map<String, List<Requirement>> all = new TreeMap<>();
        for (String f : FUNCTIONS) {
            all.put(f, of(f));
        }
        StringBuilder b = new StringBuilder("{\n  \"$comment\": \"Generated from dev.drey.miner.RequiredSettings "
                + "(RequiredSettingsTest fails when it differs; regenerate with -Ddrey.write-required-settings=true). "
                + "Read by infra/terraform/check.\",\n  \"functions\": {");
        String fsep = "\n";
        for (var e : all.entrySet()) {
            b.append(fsep).append("    \"").append(e.getKey()).append("\": [");
            String rsep = "\n";
            for (Requirement r : e.getValue()) {
                b.append(rsep).append("      {\"anyOf\": [");
                b.append(String.join(", ", r.anyOf().stream().map(n -> "\"" + envName(n) + "\"").toList())).append("]");
                if (r.onlyIfSetting() != null) {
                    b.append(", \"onlyIf\": {\"").append(envName(r.onlyIfSetting())).append("\": \"")
                            .append(r.onlyIfValue()).append("\"}");
                }
                b.append("}");
                rsep = ",\n";
            }
            b.append("\n    ]");
            fsep = ",\n";
        }
        return b.append("\n  },\n  \"testOnly\": [\"").append(envName(MinerFunctions.ALLOW_ANY_REQUESTER))
                .append("\"]\n}\n").toString();
    }

    private static Requirement federation() {
        return req(Scope.FUNCTION, "the federation (members, threshold, group key)", MinerFunctions.FEDERATION_JSON,
                MinerFunctions.FEDERATION_FILE);
    }

    private static Requirement req(Scope scope, String why, String... anyOf) {
        return new Requirement(scope, List.of(anyOf), null, null, why);
    }
}
