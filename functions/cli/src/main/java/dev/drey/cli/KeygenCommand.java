package dev.drey.cli;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.nostr.Nip19;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "keygen", description = "Make a nostr identity key pair (JSON: secretKey, publicKey, nsec, npub).")
final class KeygenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        byte[] sk = Scalar.random(new SecureRandom()).encode();
        String pk = Hex.encode(Schnorr.publicKey(sk));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("secretKey", Hex.encode(sk));
        out.put("publicKey", pk);
        out.put("nsec", Nip19.encodeNsec(sk));
        out.put("npub", Nip19.encodeNpub(pk));
        spec.commandLine().getOut().println(Json.write(out));
        return 0;
    }
}
