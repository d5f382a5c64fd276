package dev.drey.pol;

import dev.drey.crypto.pairing.PairingCurve;
import java.util.List;
import java.util.Map;

/** The server-check implementations available for a curve, named, for side-by-side runs. */
public final class ServerChecks {
    private ServerChecks() {
    }

    public static List<Map.Entry<String, PolVerifier.ServerCheckFactory>> all(PairingCurve curve) {
        return List.of(Map.entry("amcl", PolVerifier.ServerCheckFactory.AMCL));
    }
}
