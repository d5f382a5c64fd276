package dev.drey.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** UTF-8 decoding that refuses malformed bytes instead of replacing them. */
final class Utf8 {

    private Utf8() {
    }

    static String decodeStrict(byte[] bytes, Supplier<? extends RuntimeException> onError) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw onError.get();
        }
    }
}
