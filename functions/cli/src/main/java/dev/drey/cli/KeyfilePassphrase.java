package dev.drey.cli;

import dev.drey.secrets.SecretStores;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where {@code drey keyfile} takes a key file's passphrase from, never a command-line argument (it would sit
 * in the shell history and the process list): {@code --passphrase-file}, else the settings the functions
 * read ({@code DREY_SECRETS_PASSPHRASE}, {@code DREY_SECRETS_PASSPHRASE_FILE}), else the terminal.
 */
final class KeyfilePassphrase {
    /** A new file's passphrase: scrypt slows guessing, it cannot save a short passphrase. */
    static final int MIN_LENGTH = 8;
    static final String NONE = "no passphrase: set DREY_SECRETS_PASSPHRASE or DREY_SECRETS_PASSPHRASE_FILE, "
            + "give --passphrase-file, or run on a terminal to type it";

    private KeyfilePassphrase() {
    }

    /** The passphrase of an existing file: asked once. */
    static char[] forOpening(UnaryOperator<String> settings, Path passphraseFile, PassphrasePrompt prompt) {
        Optional<char[]> configured = SecretStores.configuredPassphrase(withFile(settings, passphraseFile));
        if (configured.isPresent()) {
            return nonEmpty(configured.get());
        }
        return nonEmpty(ask(prompt, "Key file passphrase: "));
    }

    /** A new file's passphrase: typed twice when asked for, and long enough. */
    static char[] forSealing(UnaryOperator<String> settings, Path passphraseFile, PassphrasePrompt prompt) {
        Optional<char[]> configured = SecretStores.configuredPassphrase(withFile(settings, passphraseFile));
        char[] passphrase;
        if (configured.isPresent()) {
            passphrase = configured.get();
        } else {
            passphrase = ask(prompt, "New key file passphrase: ");
            char[] again = ask(prompt, "The same passphrase again: ");
            try {
                if (!Arrays.equals(passphrase, again)) {
                    Arrays.fill(passphrase, '\0');
                    throw new CliException("the two passphrases differ; nothing was written");
                }
            } finally {
                Arrays.fill(again, '\0');
            }
        }
        nonEmpty(passphrase);
        if (passphrase.length < MIN_LENGTH) {
            Arrays.fill(passphrase, '\0');
            throw new CliException("the passphrase is shorter than " + MIN_LENGTH + " characters; nothing was written");
        }
        return passphrase;
    }

    private static UnaryOperator<String> withFile(UnaryOperator<String> settings, Path passphraseFile) {
        if (passphraseFile == null) {
            return settings;
        }
        // The option wins over both settings, as a command-line option should.
        return name -> name.equals(SecretStores.PASSPHRASE_FILE) ? passphraseFile.toString()
                : name.equals(SecretStores.PASSPHRASE) ? null : settings.apply(name);
    }

    private static char[] ask(PassphrasePrompt prompt, String text) {
        char[] typed = prompt.ask(text);
        if (typed == null) {
            throw new CliException(NONE);
        }
        return typed;
    }

    private static char[] nonEmpty(char[] passphrase) {
        if (passphrase.length == 0) {
            throw new CliException("the passphrase is empty");
        }
        return passphrase;
    }
}
