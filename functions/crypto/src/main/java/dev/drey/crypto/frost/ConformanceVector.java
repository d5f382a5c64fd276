package dev.drey.crypto.frost;

import java.util.List;

/**
 * One test vector in the RFC 9591 JSON shape (config / inputs / round_one_outputs /
 * round_two_outputs / final_output), all values as the file's hex strings. Parsing the JSON is the
 * caller's business; {@link ConformanceCheck} recomputes every field from the inputs.
 */
public record ConformanceVector(int maxParticipants, int minParticipants, List<Identifier> participantList,
        String groupSecretKey, String groupPublicKey, String message, List<String> sharePolynomialCoefficients,
        List<ParticipantShare> participantShares, List<Round1Output> roundOneOutputs,
        List<Round2Output> roundTwoOutputs, String finalSignature) {

    public record ParticipantShare(Identifier identifier, String participantShare) {
    }

    public record Round1Output(Identifier identifier, String hidingNonceRandomness, String bindingNonceRandomness,
            String hidingNonce, String bindingNonce, String hidingNonceCommitment, String bindingNonceCommitment,
            String bindingFactorInput, String bindingFactor) {
    }

    public record Round2Output(Identifier identifier, String sigShare) {
    }

    /** The variant a file implies when none is given: a 64-byte final signature is BIP-340 shaped. */
    public Ciphersuite inferredSuite() {
        return finalSignature != null && finalSignature.length() == 128 ? Ciphersuite.BIP340 : Ciphersuite.RFC9591;
    }
}
