package dev.drey.crypto.pairing;

import java.util.List;
import java.util.Locale;

/** The supported curves by name. BLS12-381 is the default; BN254CX matches the Milagro vectors. */
public final class PairingCurves {
    public static final PairingCurve BLS381 = new Bls381Curve();
    public static final PairingCurve BN254CX = new Bn254CxCurve();
    public static final PairingCurve BLS383 = new Bls383Curve();

    private PairingCurves() {
    }

    public static PairingCurve defaultCurve() {
        return BLS381;
    }

    public static List<PairingCurve> all() {
        return List.of(BLS381, BN254CX, BLS383);
    }

    /** "bls381", "BN254_CX", "bn254cx", "BLS383" ...: case and underscores do not matter. */
    public static PairingCurve byName(String name) {
        if (name == null) {
            throw new PairingException("curve: missing");
        }
        String n = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        for (PairingCurve c : all()) {
            if (c.id().equals(n)) {
                return c;
            }
        }
        throw new PairingException("curve: unknown \"" + name + "\" (bls381, bn254cx, bls383)");
    }
}
