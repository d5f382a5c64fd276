package dev.drey.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A secret an operator gives a command: never as a command-line value, which the process list ({@code ps},
 * /proc/PID/cmdline, readable by every local user) and the shell history show. A secret option {@code --X}
 * takes only {@code -} (read standard input); {@code --X-file FILE} reads the file. Any other value of
 * {@code --X} is refused, naming the option and never echoing the value.
 */
final class SecretArgument {
    static final String STDIN = "-";
    static final int MAX_FILE_BYTES = 64 * 1024;

    private SecretArgument() {
    }

    /**
     * The secret's text (surrounding white space removed), or empty when neither option was given.
     *
     * @param option the value option, e.g. {@code --identity-key}; its file twin is {@code option + "-file"}
     * @param value what {@code --X} was given (null when absent): only {@value #STDIN} is accepted
     * @param file what {@code --X-file} was given (null when absent)
     * @param stdin standard input, or null when it already carries the command's data (then {@code -} is refused)
     * @param stdinUse what standard input carries when {@code stdin} is null, for the error message
     * @throws CliException naming the option when the value is given on the command line, both are given,
     *     or the file cannot be read
     */
    static Optional<String> read(String option, String value, Path file, InputStream stdin, String stdinUse) {
        String fileOption = option + "-file";
        if (value != null && file != null) {
            throw new CliException("give " + option + " - or " + fileOption + " FILE, not both");
        }
        if (file != null) {
            return Optional.of(readFile(fileOption, file));
        }
        if (value == null) {
            return Optional.empty();
        }
        if (!value.strip().equals(STDIN)) {
            throw new CliException(onCommandLine(option, stdin != null));
        }
        if (stdin == null) {
            throw new CliException(option + " -: standard input carries " + stdinUse + "; use " + fileOption + " FILE");
        }
        return Optional.of(Stdin.readAll(stdin).strip());
    }

    /** The refusal of a secret written on the command line (the value itself is never repeated). */
    static String onCommandLine(String option, boolean stdinAllowed) {
        return option + ": a secret on the command line shows in the process list and the shell history, so it is "
                + "not accepted; use " + option + "-file FILE" + (stdinAllowed ? " or " + option + " - (standard input)" : "");
    }

    private static String readFile(String fileOption, Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new CliException(fileOption + ": " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString().strip();
        } catch (NoSuchFileException e) {
            throw new CliException(fileOption + ": no such file: " + file);
        } catch (CharacterCodingException e) {
            throw new CliException(fileOption + ": " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new CliException(fileOption + ": cannot read " + file + ": " + e.getMessage());
        }
    }
}
