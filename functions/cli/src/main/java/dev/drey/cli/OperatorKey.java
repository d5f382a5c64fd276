package dev.drey.cli;

import dev.drey.relay.MinerKey;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The operator's nostr key (an allow-listed client of the members' relays; for {@code dkg start} and {@code sign
 * request}, a trusted initiator/requester of the miners), as a picocli mixin: from a file or standard input only.
 */
final class OperatorKey {
    @Option(names = "--secret-key-file", paramLabel = "FILE", description = "a file holding the operator's secret "
            + "key (64 hex characters or nsec1...)")
    Path file;

    @Option(names = "--secret-key", paramLabel = "-", description = "read the operator's secret key from standard "
            + "input (a value here is refused: it would show in the process list)")
    String value;

    MinerKey require() {
        String text = SecretArgument.read("--secret-key", value, file, System.in, null)
                .orElseThrow(() -> new CliException("the operator's key is required: --secret-key-file FILE or "
                        + "--secret-key - (standard input)"));
        byte[] sk = KeyInput.secretKey(text, file != null ? "--secret-key-file" : "--secret-key");
        try {
            return MinerKey.of(sk);
        } finally {
            java.util.Arrays.fill(sk, (byte) 0);
        }
    }
}
