package dev.drey.cli;

import dev.drey.crypto.nip44.Nip44;
import dev.drey.crypto.nip44.Nip44Exception;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "nip44", description = "NIP-44 v2 encryption between two nostr keys.",
        subcommands = {Nip44Command.Encrypt.class, Nip44Command.Decrypt.class})
final class Nip44Command {

    /** Options both directions share. */
    static class Keys {
        @Spec
        CommandSpec spec;

        @Option(names = "--secret-key-file", paramLabel = "FILE", description = "a file holding our secret key "
                + "(hex or nsec1...)")
        java.nio.file.Path secretKeyFile;

        /** Only to refuse a key written on the command line with a clear message. */
        @Option(names = "--secret-key", hidden = true)
        String secretKey;

        @Option(names = "--peer", required = true, paramLabel = "<hex|npub>", description = "the other side's public key")
        String peer;

        byte[] conversationKey() {
            String sk = SecretArgument.read("--secret-key", secretKey, secretKeyFile, null, "the message")
                    .orElseThrow(() -> new picocli.CommandLine.ParameterException(spec.commandLine(),
                            "Missing required option: '--secret-key-file=FILE'"));
            return Nip44.conversationKey(KeyInput.secretKey(sk, "--secret-key"), KeyInput.publicKey(peer, "--peer"));
        }
    }

    @Command(name = "encrypt", description = "Encrypt stdin (UTF-8 text) to --peer; prints {\"payload\":...}.")
    static final class Encrypt extends Keys implements Callable<Integer> {
        @Override
        public Integer call() {
            byte[] key = conversationKey(); // the key is checked before standard input is read
            String payload = Nip44.encrypt(Stdin.readAll(System.in), key);
            spec.commandLine().getOut().println(Json.write(java.util.Map.of("payload", payload)));
            return 0;
        }
    }

    @Command(name = "decrypt", description = "Decrypt the payload on stdin from --peer; prints {\"plaintext\":...}.")
    static final class Decrypt extends Keys implements Callable<Integer> {
        @Override
        public Integer call() {
            byte[] key = conversationKey();
            try {
                String plaintext = Nip44.decrypt(Stdin.readAll(System.in).strip(), key);
                spec.commandLine().getOut().println(Json.write(java.util.Map.of("plaintext", plaintext)));
                return 0;
            } catch (Nip44Exception e) {
                throw new CliException(e.getMessage());
            }
        }
    }
}
