package dev.drey.pol;

import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.PrecomputedMpinServer;
import java.util.List;
import java.util.Map;

/** The server-check implementations available for a curve, named, for side-by-side runs. */
public final class ServerChecks {
    private ServerChecks() {
    }

    public static List<Map.Entry<String, PolVerifier.ServerCheckFactory>> all(PairingCurve curve) {
        if (!PrecomputedMpinServer.supports(curve)) {
            return List.of(Map.entry("amcl", PolVerifier.ServerCheckFactory.AMCL));
        }
        return List.of(Map.entry("amcl", PolVerifier.ServerCheckFactory.AMCL), Map.entry("precomputed", PRECOMPUTED));
    }

    /** Miller-loop lines of Q and sQ precomputed (BLS12-381); AMCL's SERVER_2 on other curves. */
    public static final PolVerifier.ServerCheckFactory PRECOMPUTED = (curve, sst) -> {
        var fast = PrecomputedMpinServer.of(curve, sst);
        return fast.isPresent() ? fast.get()::check : PolVerifier.ServerCheckFactory.AMCL.forSecret(curve, sst);
    };

    /** The fastest check available for the curve. */
    public static PolVerifier.ServerCheckFactory best() {
        return PRECOMPUTED;
    }
}
