package dev.drey.kv;

import java.util.Arrays;

/**
 * A stored value with its version. Versions start at 1 when a key is created and grow by one with every
 * successful write to it; a deleted, consumed or expired key starts again at 1 when it is created anew.
 *
 * <p>The value array is copied in and out, so a caller cannot change what another caller sees. The value is
 * never part of {@link #toString()}: it may be a secret (an encrypted nonce, say).
 */
public record Versioned(byte[] value, long version) {
    public Versioned {
        if (value == null) {
            throw new IllegalArgumentException("value must not be null");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Versioned other && version == other.version && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(version) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Versioned[version=" + version + ", value=(" + value.length + " bytes)]";
    }
}
