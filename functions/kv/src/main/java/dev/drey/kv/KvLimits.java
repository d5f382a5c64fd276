package dev.drey.kv;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The argument rules of {@link KeyValueStore}, checked in one place before any backend is asked. */
public final class KvLimits {
    /** The longest time to live accepted: far beyond any protocol timeout, short of DynamoDB's TTL limits. */
    public static final Duration MAX_TTL = Duration.ofDays(3650);

    private KvLimits() {}

    /** The key's UTF-8 bytes, if it is a valid key. */
    public static byte[] keyBytes(String key) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (key.length() > KeyValueStore.MAX_KEY_BYTES) {
            throw new IllegalArgumentException("key is longer than " + KeyValueStore.MAX_KEY_BYTES + " bytes");
        }
        ByteBuffer encoded;
        try {
            // REPORT, not the default REPLACE: two malformed keys must never collide on '?'.
            encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(key));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("key is not valid Unicode (unpaired surrogate)");
        }
        if (encoded.remaining() > KeyValueStore.MAX_KEY_BYTES) {
            throw new IllegalArgumentException("key is " + encoded.remaining() + " bytes in UTF-8, more than "
                    + KeyValueStore.MAX_KEY_BYTES);
        }
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    public static void checkKey(String key) {
        keyBytes(key);
    }

    public static void checkValue(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("value must not be null");
        }
        if (value.length > KeyValueStore.MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("value is " + value.length + " bytes, more than "
                    + KeyValueStore.MAX_VALUE_BYTES);
        }
    }

    public static void checkExpectedVersion(long expectedVersion) {
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expected version must be 0 (absent) or positive, was "
                    + expectedVersion);
        }
        if (expectedVersion == Long.MAX_VALUE) {
            throw new IllegalArgumentException("expected version " + expectedVersion + " cannot be incremented");
        }
    }

    /**
     * Every argument check of a compare-and-set, in the order all backends apply them; returns the
     * TTL in milliseconds as {@link #ttlMillis}.
     */
    public static long checkCompareAndSet(String key, long expectedVersion, byte[] newValue, Duration ttl) {
        checkKey(key);
        checkValue(newValue);
        checkExpectedVersion(expectedVersion);
        return ttlMillis(ttl);
    }

    /** The TTL in milliseconds, or 0 for "never expires" ({@code ttl == null}). */
    public static long ttlMillis(Duration ttl) {
        if (ttl == null) {
            return 0;
        }
        if (ttl.isNegative() || ttl.toMillis() < 1) {
            throw new IllegalArgumentException("ttl must be at least 1 ms, was " + ttl);
        }
        if (ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("ttl must be at most " + MAX_TTL + ", was " + ttl);
        }
        return ttl.toMillis();
    }
}
