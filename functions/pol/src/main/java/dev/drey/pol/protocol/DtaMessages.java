package dev.drey.pol.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drey.crypto.Hex;
import dev.drey.crypto.nip44.Nip44;
import dev.drey.crypto.pairing.DtaShares;
import dev.drey.kafka.ProtocolKinds;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JSON wire forms of the DTA / M-Pin messages (content {@code "v":1}) and their parsing. DTA requests
 * (3430, 3432) carry an identity hash and an app key, so each is sealed to the one miner it addresses
 * ({@link #sealedFor}: NIP-44 from the PoL service key to the miner's key, one event per miner, p-tagged to
 * it); the server-secret request (3440) names nobody and stays plain. Share responses are NIP-44 encrypted
 * by the caller; refusals are plain and name the reason.
 */
public final class DtaMessages {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REQUEST_ID = Pattern.compile("[0-9a-f]{32,64}");

    private DtaMessages() {
    }

    // ---- requests (PoL service -> miners) ----

    /** Whether requests of this kind are sealed to one miner (they name an investor's identity and app key). */
    public static boolean isSealedKind(int kind) {
        return kind == ProtocolKinds.DTA_CLIENT_SECRET_REQUEST || kind == ProtocolKinds.DTA_TIME_PERMIT_REQUEST;
    }

    /**
     * {@code request} (from {@link #clientSecretRequest} or {@link #timePermitRequest}) sealed to one miner: the
     * content NIP-44 encrypted from the PoL service key to {@code minerPubkey}, p-tagged to it, signed by the
     * service. Only that miner can read it; relays and the other miners see the kind and the addressee.
     */
    public static Event sealedFor(EventTemplate request, String minerPubkey, byte[] serviceSecretKey,
            SecureRandom rng) {
        if (!isSealedKind(request.kind())) {
            throw new IllegalArgumentException("kind " + request.kind() + " is not a sealed DTA request");
        }
        if (!Hex.isLowerHex(minerPubkey, 32)) {
            throw new IllegalArgumentException("miner key must be an x-only public key (64 lowercase hex)");
        }
        String content = Nip44.encrypt(request.content(),
                Nip44.conversationKey(serviceSecretKey, Hex.decode(minerPubkey)));
        List<List<String>> tags = new ArrayList<>(request.tags());
        tags.add(List.of("p", minerPubkey));
        return new EventTemplate(request.createdAt(), request.kind(), tags, content).sign(serviceSecretKey, rng);
    }

    /** {@link #sealedFor} each of {@code minerPubkeys}: one request event per miner. */
    public static List<Event> sealedForEach(EventTemplate request, Collection<String> minerPubkeys,
            byte[] serviceSecretKey, SecureRandom rng) {
        List<Event> out = new ArrayList<>();
        for (String miner : minerPubkeys) {
            out.add(sealedFor(request, miner, serviceSecretKey, rng));
        }
        return List.copyOf(out);
    }

    public static EventTemplate clientSecretRequest(long now, String requestId, String curve, byte[] identityHash,
            String appKey, long expiresAt) {
        ObjectNode c = base(requestId, curve, expiresAt);
        c.put("identityHash", Hex.encode(identityHash));
        c.put("appKey", appKey);
        return new EventTemplate(now, ProtocolKinds.DTA_CLIENT_SECRET_REQUEST, List.of(), c.toString());
    }

    /** {@code month} is the calendar month the permit is for; the permit date is its first day. */
    public static EventTemplate timePermitRequest(long now, String requestId, String curve, byte[] identityHash,
            String appKey, YearMonth month, long expiresAt) {
        ObjectNode c = base(requestId, curve, expiresAt);
        c.put("identityHash", Hex.encode(identityHash));
        c.put("appKey", appKey);
        c.put("month", month.toString());
        return new EventTemplate(now, ProtocolKinds.DTA_TIME_PERMIT_REQUEST, List.of(), c.toString());
    }

    public static EventTemplate serverSecretRequest(long now, String requestId, String curve, long expiresAt) {
        return new EventTemplate(now, ProtocolKinds.MPIN_SERVER_SECRET_REQUEST, List.of(),
                base(requestId, curve, expiresAt).toString());
    }

    private static ObjectNode base(String requestId, String curve, long expiresAt) {
        ObjectNode c = JSON.createObjectNode();
        c.put("v", 1);
        c.put("requestId", requestId);
        c.put("curve", curve);
        c.put("expiresAt", expiresAt);
        return c;
    }

    /** AMCL's day number (days since 1970-01-01) of the first day of {@code month}: the permit date. */
    public static int permitDate(YearMonth month) {
        return (int) month.atDay(1).toEpochDay();
    }

    public static YearMonth monthOfDate(int date) {
        return YearMonth.from(LocalDate.ofEpochDay(date));
    }

    /**
     * Reads a request's content (signature, requester and opening a sealed request are {@link RequestCheck}'s
     * business).
     *
     * @param content the request's plaintext content
     * @param fieldBytes EFS of the miner's curve: the length an identity hash must have
     */
    static ShareRequest parseRequest(Event e, String content, int fieldBytes) {
        JsonNode c = parseObject(content, null);
        String requestId = text(c, "requestId", null);
        if (!REQUEST_ID.matcher(requestId).matches()) {
            throw malformed(null, "requestId must be 32 to 64 lowercase hex characters");
        }
        if (!c.path("v").isInt() || c.path("v").intValue() != 1) {
            throw malformed(requestId, "v must be 1");
        }
        String curve = text(c, "curve", requestId);
        JsonNode exp = c.path("expiresAt");
        if (!exp.canConvertToLong() || !exp.isIntegralNumber()) {
            throw malformed(requestId, "expiresAt must be an integer (unix seconds)");
        }
        byte[] hid = null;
        String appKey = null;
        int date = 0;
        if (e.kind() != ProtocolKinds.MPIN_SERVER_SECRET_REQUEST) {
            String h = text(c, "identityHash", requestId);
            if (!Hex.isLowerHex(h, fieldBytes)) {
                throw malformed(requestId, "identityHash must be " + (2 * fieldBytes) + " lowercase hex characters");
            }
            hid = Hex.decode(h);
            if (java.util.Arrays.equals(hid, new byte[fieldBytes])) {
                throw malformed(requestId, "identityHash must not be all zero");
            }
            appKey = text(c, "appKey", requestId);
            if (!Hex.isLowerHex(appKey, 32) || !isXOnlyKey(appKey)) {
                throw malformed(requestId, "appKey must be an x-only secp256k1 public key (64 lowercase hex)");
            }
        }
        if (e.kind() == ProtocolKinds.DTA_TIME_PERMIT_REQUEST) {
            try {
                date = permitDate(YearMonth.parse(text(c, "month", requestId)));
            } catch (DateTimeParseException bad) {
                throw malformed(requestId, "month must be YYYY-MM");
            }
            if (date <= 0) {
                throw malformed(requestId, "month must be after 1970-01");
            }
        }
        return new ShareRequest(e.kind(), e.id(), e.pubkey(), requestId, curve, hid, appKey, date, exp.longValue());
    }

    private static boolean isXOnlyKey(String hex) {
        try {
            dev.drey.crypto.Point.liftX(Hex.decode(hex));
            return true;
        } catch (RuntimeException notOnCurve) {
            return false;
        }
    }

    // ---- share responses (encrypted by the caller) ----

    public static String sharePayloadJson(SharePayload p) {
        ObjectNode c = JSON.createObjectNode();
        c.put("v", 1);
        c.put("requestId", p.requestId());
        c.put("shareKind", p.shareKind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        c.put("minerIndex", p.minerIndex());
        c.put("curve", p.curve());
        if (p.identityHash() != null) {
            c.put("identityHash", p.identityHash());
        }
        if (p.date() != 0) {
            c.put("date", p.date());
        }
        c.put("share", p.share());
        ObjectNode proof = c.putObject("proof");
        proof.put("c", p.proofC());
        proof.put("z", p.proofZ());
        return c.toString();
    }

    /** Parses a decrypted share payload; a malformed one is a {@link RuntimeException} naming the field. */
    public static SharePayload parseSharePayload(String json) {
        JsonNode c = parseObject(json, null);
        String kind = text(c, "shareKind", null);
        DtaShares.Kind k;
        try {
            k = DtaShares.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("share payload: unknown shareKind \"" + kind + "\"");
        }
        if (!c.path("minerIndex").isInt()) {
            throw new IllegalArgumentException("share payload: minerIndex must be an integer");
        }
        JsonNode proof = c.path("proof");
        return new SharePayload(text(c, "requestId", null), k, c.path("minerIndex").intValue(),
                text(c, "curve", null), c.hasNonNull("identityHash") ? text(c, "identityHash", null) : null,
                c.path("date").asInt(0), text(c, "share", null), text(proof, "c", null), text(proof, "z", null));
    }

    // ---- refusals ----

    /** A plain (not secret) refusal of {@code request}, p-tagged to its signer, naming the reason. */
    public static EventTemplate refusal(long now, Event request, RequestRefusedException why) {
        ObjectNode c = JSON.createObjectNode();
        c.put("v", 1);
        if (why.requestId() != null) {
            c.put("requestId", why.requestId());
        }
        c.put("error", why.reason().code());
        c.put("message", why.getMessage());
        List<List<String>> tags = new ArrayList<>();
        tags.add(List.of("p", request.pubkey()));
        tags.add(List.of("e", request.id()));
        tags.add(List.of("error", why.reason().code()));
        return new EventTemplate(now, responseKind(request.kind()), tags, c.toString());
    }

    /** The response kind of a request kind (3430 → 3431, 3432 → 3433, 3440 → 3441). */
    public static int responseKind(int requestKind) {
        return switch (requestKind) {
            case ProtocolKinds.DTA_CLIENT_SECRET_REQUEST -> ProtocolKinds.DTA_CLIENT_SECRET_RESPONSE;
            case ProtocolKinds.DTA_TIME_PERMIT_REQUEST -> ProtocolKinds.DTA_TIME_PERMIT_RESPONSE;
            case ProtocolKinds.MPIN_SERVER_SECRET_REQUEST -> ProtocolKinds.MPIN_SERVER_SECRET_RESPONSE;
            default -> throw new IllegalArgumentException("kind " + requestKind + " is not a DTA/M-Pin request");
        };
    }

    /** The error code of a refusal event, if it is one. */
    public static java.util.Optional<String> refusalCode(Event e) {
        return e.firstTagValue("error");
    }

    private static JsonNode parseObject(String json, String requestId) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.isObject()) {
                throw malformed(requestId, "content must be a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw malformed(requestId, "content is not JSON");
        }
    }

    private static String text(JsonNode c, String field, String requestId) {
        JsonNode n = c.path(field);
        if (!n.isTextual()) {
            throw malformed(requestId, field + " must be a string");
        }
        return n.textValue();
    }

    private static RequestRefusedException malformed(String requestId, String what) {
        return new RequestRefusedException(RefusalReason.MALFORMED, requestId, what);
    }
}
