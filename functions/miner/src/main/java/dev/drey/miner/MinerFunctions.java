package dev.drey.miner;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.KeyPackage;
import dev.drey.crypto.pairing.MasterSecretShare;
import dev.drey.dkg.DkgParticipant;
import dev.drey.dta.DtaFunction;
import dev.drey.kafka.MessageFamily;
import dev.drey.kv.KeyValueStore;
import dev.drey.mpin.MpinFunction;
import dev.drey.nostr.Nip19;
import dev.drey.roast.Federation;
import dev.drey.roast.RoastCoordinator;
import dev.drey.roast.RoastOrchestrator;
import dev.drey.roast.RoastStateStore;
import dev.drey.roast.SignRequest;
import dev.drey.runtime.NostrFunction;
import dev.drey.runtime.RecipientRelays;
import dev.drey.runtime.metrics.DreyMetrics;
import dev.drey.secrets.SecretKind;
import dev.drey.secrets.SecretStore;
import dev.drey.signer.IssuanceLimits;
import dev.drey.signer.PolicyRules;
import dev.drey.signer.Signer;
import dev.drey.signer.SignerIdentity;
import dev.drey.signer.SigningPolicy;
import dev.drey.vote.KvVoteLedger;
import dev.drey.vote.VotePolicy;
import dev.drey.vote.VotedParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Builds the function this deployable runs, from plain settings (MicroProfile Config in the Quarkus app,
 * anything in tests), the KV store and the secrets. One artifact hosts all four functions (the two ROAST
 * functions, the DTA and the M-Pin function), so the three adapters exist once; {@value #FUNCTION} picks one.
 */
public final class MinerFunctions {
    public static final String FUNCTION = "drey.function";
    /** {@code drey.function} values of the two ROAST functions. */
    public static final String ORCHESTRATOR = "roast-orchestrator";
    public static final String SIGNER = "signer";
    public static final String FEDERATION_FILE = "drey.federation.file";
    public static final String FEDERATION_JSON = "drey.federation.json";
    public static final String TRUSTED_COORDINATORS = "drey.signer.trusted-coordinators";
    public static final String PURPOSES = "drey.signer.purposes";
    public static final String REQUESTERS = "drey.signer.requesters";
    public static final String POL_SERVICE_KEY = "drey.signer.pol-service-key";
    /** Tests only: sign for any requester instead of {@value #REQUESTERS} (logged as a warning at start). */
    public static final String ALLOW_ANY_REQUESTER = "drey.signer.allow-any-requester";
    /** How old a proof-of-life claim may be when an issuance citing it is first seen (ISO-8601, default P40D). */
    public static final String CLAIM_MAX_AGE = "drey.signer.claim-max-age";
    /** The largest issuance amount signed (a positive integer, default 1000). */
    public static final String MAX_AMOUNT = "drey.signer.max-amount";
    /** The issuance units signed (comma-separated, default DREY). */
    public static final String UNITS = "drey.signer.units";
    public static final String NONCE_TTL = "drey.signer.nonce-ttl";
    public static final String RUN_TTL = "drey.roast.run-ttl";
    /** How long a ROAST run may take from its request before a tick fails it (ISO-8601, default PT10M). */
    public static final String RUN_TIMEOUT = "drey.roast.run-timeout";
    public static final String ROSTER = "drey.relays.roster";
    public static final String DEFAULT_RELAYS = "drey.relays.default";
    /** The PoL service keys whose DTA / M-Pin share requests are answered (npub or hex, comma-separated). */
    public static final String POL_SERVICE_KEYS = "drey.pol.service-keys";
    /** Whose DKG start requests (kind 3410 "start") the DKG function follows (npub or hex, comma-separated). */
    public static final String DKG_INITIATORS = "drey.dkg.trusted-initiators";
    /** How long a DKG run may take from its start request before a tick fails it (ISO-8601, default PT10M). */
    public static final String DKG_RUN_TIMEOUT = "drey.dkg.run-timeout";

    private static final System.Logger LOG = System.getLogger(MinerFunctions.class.getName());

    private MinerFunctions() {
    }

    /** The topics {@code function} consumes (as infra/functions.json says). */
    public static List<MessageFamily> families(String function) {
        return switch (function) {
            case MinerFunctions.ORCHESTRATOR -> List.of(MessageFamily.SIGN);
            // the signer files vote events too: it recomputes a freeze or a result from them before signing
            case MinerFunctions.SIGNER -> List.of(MessageFamily.SIGN, MessageFamily.ISSUANCE, MessageFamily.VOTE);
            case ShareFunction.DTA -> List.of(MessageFamily.DTA);
            case ShareFunction.MPIN -> List.of(MessageFamily.MPIN);
            case DkgFunction.NAME -> List.of(MessageFamily.DKG);
            case VoteFunction.NAME -> List.of(MessageFamily.VOTE);
            default -> throw new IllegalArgumentException(FUNCTION + " must be " + MinerFunctions.ORCHESTRATOR + ", "
                    + MinerFunctions.SIGNER + ", " + ShareFunction.DTA + ", " + ShareFunction.MPIN + ", "
                    + DkgFunction.NAME + " or " + VoteFunction.NAME + ", was '" + function + "'");
        };
    }

    public static NostrFunction create(UnaryOperator<String> settings, KeyValueStore kv, SecretStore secrets,
            SecureRandom rng, Clock clock) {
        return create(settings, kv, kv, secrets, rng, clock);
    }

    /**
     * As {@link #create(UnaryOperator, KeyValueStore, SecretStore, SecureRandom, Clock)}, with the signer's
     * nonce-use journal in {@code journal} (a store independent of {@code kv}; only the signer uses it).
     */
    public static NostrFunction create(UnaryOperator<String> settings, KeyValueStore kv, KeyValueStore journal,
            SecretStore secrets, SecureRandom rng, Clock clock) {
        return create(settings, kv, journal, secrets, rng, clock, DreyMetrics.NONE);
    }

    /** As above, the function's domain events (ROAST runs, DKG runs, shares) counted in {@code metrics}. */
    public static NostrFunction create(UnaryOperator<String> settings, KeyValueStore kv, KeyValueStore journal,
            SecretStore secrets, SecureRandom rng, Clock clock, DreyMetrics metrics) {
        return MeteredFunction.of(unmetered(settings, kv, journal, secrets, rng, clock, metrics), metrics, clock);
    }

    private static NostrFunction unmetered(UnaryOperator<String> settings, KeyValueStore kv, KeyValueStore journal,
            SecretStore secrets, SecureRandom rng, Clock clock, DreyMetrics metrics) {
        String function = required(settings, FUNCTION).strip();
        families(function);
        RequiredSettings.check(function, RequiredSettings.Scope.FUNCTION, settings);
        RecipientRelays relays = RecipientRelays.parse(list(settings.apply(ROSTER)), list(settings.apply(DEFAULT_RELAYS)));
        if (function.equals(ShareFunction.DTA) || function.equals(ShareFunction.MPIN)) {
            return shareFunction(function, settings, kv, secrets, rng, clock, relays);
        }
        if (function.equals(DkgFunction.NAME)) {
            return dkgFunction(settings, kv, secrets, rng, relays, metrics);
        }
        Federation federation = federation(settings);
        byte[] identityKey = secrets.require(SecretKind.IDENTITY_KEY);
        try {
            if (function.equals(VoteFunction.NAME)) {
                return VoteFunction.of(identityKey, federation.groupPubkeyHex(), kv, rng, clock, relays);
            }
            if (function.equals(MinerFunctions.ORCHESTRATOR)) {
                RoastStateStore store = new RoastStateStore(kv, new RoastCoordinator(federation),
                        RoastStateStore.DEFAULT_PREFIX, duration(settings, RUN_TTL, null));
                RoastOrchestrator orchestrator = new RoastOrchestrator(federation, identityKey, store, clock, rng,
                        duration(settings, RUN_TIMEOUT, RoastOrchestrator.DEFAULT_RUN_TIMEOUT));
                return new RoutedFunction(ORCHESTRATOR, e -> RoutedFunction.Answer.of(orchestrator.handle(e)),
                        now -> RoutedFunction.Answer.of(orchestrator.tick(now)), relays);
            }
            byte[] share = secrets.require(SecretKind.FROST_SHARE);
            KeyPackage key;
            try {
                key = keyPackage(federation, Scalar.decodeNonZero(share));
            } finally {
                Arrays.fill(share, (byte) 0);
            }
            Set<String> coordinators = requiredKeys(settings, TRUSTED_COORDINATORS, "coordinator key");
            KvVoteLedger votes = new KvVoteLedger(kv);
            Signer signer = new Signer(federation, new SignerIdentity(key, identityKey),
                    policy(settings, federation, clock, votes, rng), coordinators, kv, journal, rng,
                    duration(settings, NONCE_TTL, Duration.ofDays(1)));
            return new RoutedFunction(SIGNER, e -> {
                if (dev.drey.kafka.ProtocolKinds.familyOf(e.kind()) == MessageFamily.VOTE) {
                    votes.add(e); // filed unchecked: the vote rule re-checks what it reads
                    return new RoutedFunction.Answer(List.of(), List.of());
                }
                return RoutedFunction.Answer.of(signer.handle(e));
            }, relays);
        } finally {
            Arrays.fill(identityKey, (byte) 0);
        }
    }

    /**
     * The DKG function: only the identity key is needed (no federation exists yet); results stay sealed in the
     * KV store until the operator moves them into the key file ({@code drey keyfile add --dkg-run}).
     */
    private static NostrFunction dkgFunction(UnaryOperator<String> settings, KeyValueStore kv, SecretStore secrets,
            SecureRandom rng, RecipientRelays relays, DreyMetrics metrics) {
        Set<String> initiators = requiredKeys(settings, DKG_INITIATORS, "key allowed to start a DKG");
        byte[] identityKey = secrets.require(SecretKind.IDENTITY_KEY);
        try {
            return DkgFunction.of(identityKey, initiators, kv, rng, relays,
                    duration(settings, DKG_RUN_TIMEOUT, DkgParticipant.DEFAULT_RUN_TIMEOUT), metrics);
        } finally {
            Arrays.fill(identityKey, (byte) 0); // the participant keeps its own copy
        }
    }

    /** The DTA or M-Pin function: this miner's DTA master-secret share, answering the configured PoL service keys. */
    private static NostrFunction shareFunction(String function, UnaryOperator<String> settings, KeyValueStore kv,
            SecretStore secrets, SecureRandom rng, Clock clock, RecipientRelays relays) {
        Set<String> services = requiredKeys(settings, POL_SERVICE_KEYS, "PoL service key");
        byte[] entry = secrets.require(SecretKind.DTA_SHARE);
        byte[] identityKey = secrets.require(SecretKind.IDENTITY_KEY);
        try {
            MasterSecretShare share = DtaShareEntry.decode(entry);
            return ShareFunction.of(function, function.equals(ShareFunction.DTA)
                    ? DtaFunction.create(identityKey, share, services, kv, clock, rng)
                    : MpinFunction.create(identityKey, share, services, kv, clock, rng), relays);
        } finally {
            Arrays.fill(entry, (byte) 0);
            Arrays.fill(identityKey, (byte) 0); // the core keeps its own copy
        }
    }

    /** This miner's key package: the member whose verifying share is share·G. */
    public static KeyPackage keyPackage(Federation federation, Scalar share) {
        for (Identifier id : federation.members()) {
            if (federation.verifyingShare(id).equals(dev.drey.crypto.SecretMul.mulG(share))) {
                return KeyPackage.of(id, share, federation.group());
            }
        }
        throw new IllegalArgumentException("the key file's frost-share belongs to no member of the federation");
    }

    /**
     * The signer's policy; fails closed: {@value #REQUESTERS} must name the requesters (unless
     * {@value #ALLOW_ANY_REQUESTER} is true, for tests), and when issuances are signed (the default purpose)
     * {@value #POL_SERVICE_KEY} must name the PoL service key whose claims authorise them. With {@code votes}, the
     * vote record this signer has seen: a freeze or a result (purposes vote-freeze,
     * vote-result) is signed only as {@link VotePolicy} recomputes it, and an issuance only with the amount the
     * latest passed vote set (if any).
     */
    static SigningPolicy policy(UnaryOperator<String> s, Federation federation, Clock clock, KvVoteLedger votes,
            SecureRandom rng) {
        List<SigningPolicy> rules = new ArrayList<>();
        List<String> purposes = list(s.apply(PURPOSES));
        Set<String> signed = Set.copyOf(purposes.isEmpty() ? List.of(SignRequest.PURPOSE_ISSUANCE) : purposes);
        rules.add(PolicyRules.purposeIn(signed));
        Set<String> requesters = keys(s, REQUESTERS);
        if (requesters.isEmpty()) {
            if (!flag(s, ALLOW_ANY_REQUESTER)) {
                throw new IllegalArgumentException(REQUESTERS + " must name at least one requester key (npub or hex); "
                        + ALLOW_ANY_REQUESTER + "=true signs for anyone and is for tests only");
            }
            LOG.log(System.Logger.Level.WARNING, "signer: " + ALLOW_ANY_REQUESTER
                    + "=true: any requester may ask for a group signature (tests only)");
        } else {
            rules.add(PolicyRules.requesterIn(requesters));
        }
        String pol = s.apply(POL_SERVICE_KEY);
        if (pol != null && !pol.isBlank()) {
            rules.add(PolicyRules.issuanceNeedsProofOfLife(pubkey(pol, POL_SERVICE_KEY), federation.groupPubkeyHex(),
                    issuanceLimits(s), clock));
        } else if (signed.contains(SignRequest.PURPOSE_ISSUANCE)) {
            throw new IllegalArgumentException(POL_SERVICE_KEY + " must name the PoL service key whose proof-of-life "
                    + "claims authorise issuances (" + PURPOSES + " includes " + SignRequest.PURPOSE_ISSUANCE + ")");
        }
        String group = federation.groupPubkeyHex();
        rules.add(PolicyRules.issuanceAmountVoted(() -> VotedParameters.issuanceAmount(votes.results(), group)));
        rules.add(VotePolicy.rule(group, votes, clock, rng));
        return SigningPolicy.allOf(rules.toArray(SigningPolicy[]::new));
    }

    private static IssuanceLimits issuanceLimits(UnaryOperator<String> s) {
        String max = s.apply(MAX_AMOUNT);
        long maxAmount = IssuanceLimits.DEFAULT_MAX_AMOUNT;
        if (max != null && !max.isBlank()) {
            try {
                maxAmount = Long.parseLong(max.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(MAX_AMOUNT + " must be a positive integer, was '" + max + "'");
            }
        }
        List<String> units = list(s.apply(UNITS));
        return new IssuanceLimits(duration(s, CLAIM_MAX_AGE, IssuanceLimits.DEFAULT_CLAIM_MAX_AGE), maxAmount,
                units.isEmpty() ? IssuanceLimits.DEFAULT_UNITS : Set.copyOf(units));
    }

    private static boolean flag(UnaryOperator<String> s, String name) {
        String v = s.apply(name);
        if (v == null || v.isBlank() || v.strip().equalsIgnoreCase("false")) {
            return false;
        }
        if (v.strip().equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalArgumentException(name + " must be true or false, was '" + v + "'");
    }

    public static Federation federation(UnaryOperator<String> s) {
        String inline = s.apply(FEDERATION_JSON);
        if (inline != null && !inline.isBlank()) {
            return FederationFile.parse(inline.getBytes(StandardCharsets.UTF_8));
        }
        Path path = Path.of(required(s, FEDERATION_FILE).strip());
        try {
            return FederationFile.parse(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the federation file " + path + " (" + FEDERATION_FILE + "): " + e, e);
        }
    }

    /** The keys a setting lists (npub or hex, comma-separated), as x-only hex. */
    private static Set<String> keys(UnaryOperator<String> settings, String setting) {
        Set<String> out = new LinkedHashSet<>();
        for (String k : list(settings.apply(setting))) {
            out.add(pubkey(k, setting));
        }
        return out;
    }

    private static Set<String> requiredKeys(UnaryOperator<String> settings, String setting, String what) {
        Set<String> out = keys(settings, setting);
        if (out.isEmpty()) {
            throw new IllegalArgumentException(setting + " must name at least one " + what);
        }
        return out;
    }

    private static String pubkey(String text, String setting) {
        String t = text.strip();
        if (t.startsWith("npub1")) {
            return Nip19.decodeNpub(t);
        }
        if (!Hex.isLowerHex(t, 32)) {
            throw new IllegalArgumentException(setting + ": '" + t + "' is not an npub nor 64 lowercase hex characters");
        }
        return t;
    }

    private static Duration duration(UnaryOperator<String> s, String name, Duration fallback) {
        String v = s.apply(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Duration.parse(v.strip().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as P1D or PT12H, was '" + v + "'");
        }
    }

    private static String required(UnaryOperator<String> s, String name) {
        String v = s.apply(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return v;
    }

    public static List<String> list(String v) {
        List<String> out = new ArrayList<>();
        if (v != null) {
            for (String p : v.split(",")) {
                if (!p.isBlank()) {
                    out.add(p.strip());
                }
            }
        }
        return out;
    }
}
