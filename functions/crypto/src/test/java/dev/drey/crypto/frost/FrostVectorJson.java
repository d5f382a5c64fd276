package dev.drey.crypto.frost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads an RFC 9591-shaped vector file into a {@link ConformanceVector} (test side). */
final class FrostVectorJson {
    private FrostVectorJson() {
    }

    static ConformanceVector read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        JsonNode cfg = root.path("config");
        JsonNode in = root.path("inputs");
        List<Identifier> list = new ArrayList<>();
        in.path("participant_list").forEach(n -> list.add(Identifier.of(n.asLong())));
        List<String> coeffs = new ArrayList<>();
        in.path("share_polynomial_coefficients").forEach(n -> coeffs.add(n.asText()));
        List<ConformanceVector.ParticipantShare> shares = new ArrayList<>();
        in.path("participant_shares").forEach(n -> shares.add(new ConformanceVector.ParticipantShare(
                Identifier.of(n.path("identifier").asLong()), n.path("participant_share").asText())));
        List<ConformanceVector.Round1Output> r1 = new ArrayList<>();
        root.path("round_one_outputs").path("outputs").forEach(n -> r1.add(new ConformanceVector.Round1Output(
                Identifier.of(n.path("identifier").asLong()), n.path("hiding_nonce_randomness").asText(),
                n.path("binding_nonce_randomness").asText(), n.path("hiding_nonce").asText(),
                n.path("binding_nonce").asText(), n.path("hiding_nonce_commitment").asText(),
                n.path("binding_nonce_commitment").asText(), n.path("binding_factor_input").asText(),
                n.path("binding_factor").asText())));
        List<ConformanceVector.Round2Output> r2 = new ArrayList<>();
        root.path("round_two_outputs").path("outputs").forEach(n -> r2.add(new ConformanceVector.Round2Output(
                Identifier.of(n.path("identifier").asLong()), n.path("sig_share").asText())));
        String pk = in.has("group_public_key") ? in.path("group_public_key").asText()
                : in.path("verifying_key_key").asText();
        return new ConformanceVector(cfg.path("MAX_PARTICIPANTS").asInt(), cfg.path("MIN_PARTICIPANTS").asInt(), list,
                in.path("group_secret_key").asText(), pk, in.path("message").asText(), coeffs, shares, r1, r2,
                root.path("final_output").path("sig").asText());
    }
}
