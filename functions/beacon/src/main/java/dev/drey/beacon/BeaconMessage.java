package dev.drey.beacon;

import dev.drey.crypto.Hex;
import java.util.regex.Pattern;

/** A beacon protocol message (the content of kinds 3471–3474); see {@link BeaconCodec} for the wire forms. */
public sealed interface BeaconMessage permits PartialMessage, BeaconOutput, VrfRequest, VrfOutput {
    /** Bound on any encoded group element or proof a message carries. */
    int MAX_ELEMENT_BYTES = 256;
    /** Bound on a VRF input. */
    int MAX_INPUT_BYTES = 1024;
    /** Rounds stay integers JSON readers of any language parse exactly. */
    long MAX_ROUND = (1L << 53) - 1;

    int kind();

    /** 64 lowercase hex characters (a chain hash or an event id). */
    static String hash(String s, String what) {
        if (s == null || !HEX32.matcher(s).matches()) {
            throw new BeaconException(what + " must be 64 lowercase hex characters");
        }
        return s;
    }

    static long round(long r) {
        if (r < 1 || r > MAX_ROUND) {
            throw new BeaconException("round must be in 1.." + MAX_ROUND);
        }
        return r;
    }

    static byte[] bytes(byte[] b, String what, int max) {
        if (b == null || b.length == 0 || b.length > max) {
            throw new BeaconException(what + " must be 1.." + max + " bytes");
        }
        return b.clone();
    }

    Pattern HEX32 = Pattern.compile("[0-9a-f]{64}");

    /** For toString: a short hex prefix. */
    static String shortHex(byte[] b) {
        String h = Hex.encode(b);
        return h.length() > 16 ? h.substring(0, 16) + "…" : h;
    }
}
