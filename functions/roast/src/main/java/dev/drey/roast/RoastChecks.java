package dev.drey.roast;

import dev.drey.crypto.Hex;

/** Field checks shared by the message records: each failure names the field. */
final class RoastChecks {
    /** Sessions are numbered 1..MAX_SESSION; far above n−t+1 for any federation we run. */
    static final int MAX_SESSION = 1_000_000;

    private RoastChecks() {
    }

    static void requestId(String id) {
        if (!Hex.isLowerHex(id, 32)) {
            throw new RoastMessageException("request id must be 64 lowercase hex characters");
        }
    }

    static void pubkey(String key, String what) {
        if (!Hex.isLowerHex(key, 32)) {
            throw new RoastMessageException(what + " must be a 64-character lowercase hex public key");
        }
    }

    static void bytes(byte[] b, int length, String what) {
        if (b == null || b.length != length) {
            throw new RoastMessageException(what + " must be " + length + " bytes");
        }
    }

    static void session(int id, int min) {
        if (id < min || id > MAX_SESSION) {
            throw new RoastMessageException("session id must be in " + min + ".." + MAX_SESSION + ", was " + id);
        }
    }

    static void text(String s, int max, String what) {
        if (s.length() > max) {
            throw new RoastMessageException(what + " is longer than " + max + " characters");
        }
    }
}
