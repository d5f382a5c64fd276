package dev.drey.cli;

import dev.drey.crypto.bls.BlsException;
import dev.drey.crypto.bls.ChainInfo;
import dev.drey.crypto.bls.DrandJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Reads a {@code --chain-info} file (drand's /info JSON); any problem with it is a usage error naming the file. */
final class ChainInfoFile {
    private static final long MAX_BYTES = 8192;

    private ChainInfoFile() {
    }

    /** The chain info; its {@code hash} must match unless {@code recompute} (then it may be absent or wrong). */
    static ChainInfo read(CommandLine cl, Path file, boolean recompute) {
        String json;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new CommandLine.ParameterException(cl, "--chain-info " + file + ": larger than " + MAX_BYTES + " bytes");
            }
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(cl, "--chain-info " + file + ": cannot read it ("
                    + e.getClass().getSimpleName() + ")");
        }
        try {
            return recompute ? DrandJson.parseChainInfoIgnoringHash(json.strip()) : DrandJson.parseChainInfo(json.strip());
        } catch (BlsException e) {
            throw new CommandLine.ParameterException(cl, "--chain-info " + file + ": " + e.getMessage());
        }
    }
}
