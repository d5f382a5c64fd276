package dev.drey.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/** Reads standard input with a size bound, as strict UTF-8. */
final class Stdin {
    static final int MAX_BYTES = 64 * 1024 * 1024;

    private Stdin() {
    }

    static String readAll(InputStream in) {
        try {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new CliException("standard input exceeds " + MAX_BYTES + " bytes");
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CliException("standard input is not valid UTF-8");
        } catch (IOException e) {
            throw new CliException("cannot read standard input: " + e.getMessage());
        }
    }
}
