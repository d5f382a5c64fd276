package dev.drey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Hex;
import dev.drey.crypto.frost.ConformanceVector;
import dev.drey.crypto.frost.Identifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a FROST vector file in the RFC 9591 JSON shape, accepting the spellings such files use:
 * {@code group_public_key} or {@code verifying_key_key}, identifiers as numbers or 32-byte hex.
 */
final class VectorFile {
    private VectorFile() {
    }

    static ConformanceVector read(Path file) {
        JsonNode root = FrostCommand.readJson(file);
        if (root == null || !root.isObject()) {
            throw new CryptoException("vector file: not a JSON object");
        }
        JsonNode cfg = object(root, "config");
        JsonNode in = object(root, "inputs");
        List<Identifier> list = new ArrayList<>();
        for (JsonNode n : array(in, "participant_list")) {
            list.add(identifier(n));
        }
        List<String> coeffs = new ArrayList<>();
        for (JsonNode n : array(in, "share_polynomial_coefficients")) {
            coeffs.add(text(n, "share_polynomial_coefficients[]"));
        }
        List<ConformanceVector.ParticipantShare> shares = new ArrayList<>();
        for (JsonNode n : array(in, "participant_shares")) {
            shares.add(new ConformanceVector.ParticipantShare(identifier(n.get("identifier")),
                    FrostCommand.requiredText(n, "participant_share")));
        }
        List<ConformanceVector.Round1Output> r1 = new ArrayList<>();
        for (JsonNode n : array(object(root, "round_one_outputs"), "outputs")) {
            r1.add(new ConformanceVector.Round1Output(identifier(n.get("identifier")),
                    FrostCommand.requiredText(n, "hiding_nonce_randomness"),
                    FrostCommand.requiredText(n, "binding_nonce_randomness"),
                    FrostCommand.requiredText(n, "hiding_nonce"), FrostCommand.requiredText(n, "binding_nonce"),
                    FrostCommand.requiredText(n, "hiding_nonce_commitment"),
                    FrostCommand.requiredText(n, "binding_nonce_commitment"),
                    FrostCommand.requiredText(n, "binding_factor_input"),
                    FrostCommand.requiredText(n, "binding_factor")));
        }
        List<ConformanceVector.Round2Output> r2 = new ArrayList<>();
        for (JsonNode n : array(object(root, "round_two_outputs"), "outputs")) {
            r2.add(new ConformanceVector.Round2Output(identifier(n.get("identifier")),
                    FrostCommand.requiredText(n, "sig_share")));
        }
        String pk = in.has("group_public_key") ? FrostCommand.requiredText(in, "group_public_key")
                : FrostCommand.requiredText(in, "verifying_key_key");
        return new ConformanceVector(intText(cfg, "MAX_PARTICIPANTS"), intText(cfg, "MIN_PARTICIPANTS"), list,
                FrostCommand.requiredText(in, "group_secret_key"), pk, FrostCommand.requiredText(in, "message"), coeffs,
                shares, r1, r2, FrostCommand.requiredText(object(root, "final_output"), "sig"));
    }

    private static JsonNode object(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isObject()) {
            throw new CryptoException("vector file: missing object '" + field + "'");
        }
        return v;
    }

    private static JsonNode array(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) {
            throw new CryptoException("vector file: missing array '" + field + "'");
        }
        return v;
    }

    private static String text(JsonNode n, String what) {
        if (n == null || !n.isTextual()) {
            throw new CryptoException("vector file: " + what + " must be a string");
        }
        return n.asText();
    }

    /** The config block writes numbers as strings ("3"); accept either. */
    private static int intText(JsonNode cfg, String field) {
        JsonNode v = cfg.get(field);
        try {
            if (v != null && v.isIntegralNumber() && v.canConvertToInt()) {
                return v.asInt();
            }
            if (v != null && v.isTextual()) {
                return Integer.parseInt(v.asText());
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new CryptoException("vector file: config." + field + " must be an integer");
    }

    private static Identifier identifier(JsonNode n) {
        if (n != null && n.isIntegralNumber() && n.canConvertToLong()) {
            return Identifier.of(n.asLong());
        }
        if (n != null && n.isTextual()) {
            return Identifier.decode(Hex.decode(n.asText(), 32));
        }
        throw new CryptoException("vector file: identifier must be a positive integer or 32-byte hex");
    }
}
