package dev.drey.crypto.tlock;

import java.util.List;

/**
 * One recipient stanza of an age header: {@code -> type args...} and a body that wraps the file key for that
 * recipient. Type and arguments are non-empty printable ASCII without spaces (age's grammar), checked here so a
 * stanza that exists can always be written.
 */
public record Stanza(String type, List<String> args, byte[] body) {
    public Stanza {
        checkToken(type, "stanza type");
        args = List.copyOf(args);
        for (String a : args) {
            checkToken(a, "stanza argument");
        }
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    private static void checkToken(String s, String what) {
        if (s == null || s.isEmpty()) {
            throw new TlockException("age: empty " + what);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 33 || c > 126) {
                throw new TlockException("age: " + what + " has a character outside printable ASCII");
            }
        }
    }
}
