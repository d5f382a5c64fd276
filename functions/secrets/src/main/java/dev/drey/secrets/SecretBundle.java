package dev.drey.secrets;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The plaintext inside a key file: named secrets. Encoded as a count (1 byte) then, per entry, its name
 * (1 length byte, ASCII) and value (2 length bytes, big-endian). Never printed: {@link #toString()} names
 * the entries only.
 */
public final class SecretBundle implements SecretStore {
    public static final int MAX_VALUE_BYTES = 4096;

    private final Map<SecretKind, byte[]> entries;

    public SecretBundle(Map<SecretKind, byte[]> entries) {
        this.entries = new EnumMap<>(SecretKind.class);
        for (Map.Entry<SecretKind, byte[]> e : entries.entrySet()) {
            if (e.getValue() == null || e.getValue().length == 0 || e.getValue().length > MAX_VALUE_BYTES) {
                throw new IllegalArgumentException(e.getKey().entryName() + " must be 1 to " + MAX_VALUE_BYTES + " bytes");
            }
            this.entries.put(e.getKey(), e.getValue().clone());
        }
    }

    @Override
    public Optional<byte[]> get(SecretKind kind) {
        byte[] v = entries.get(kind);
        return v == null ? Optional.empty() : Optional.of(v.clone());
    }

    /** The kinds of secret the bundle holds, in {@link SecretKind} order; names only. */
    public Set<SecretKind> kinds() {
        Set<SecretKind> kinds = EnumSet.noneOf(SecretKind.class);
        kinds.addAll(entries.keySet());
        return Collections.unmodifiableSet(kinds);
    }

    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(entries.size());
        for (Map.Entry<SecretKind, byte[]> e : entries.entrySet()) {
            byte[] name = e.getKey().entryName().getBytes(StandardCharsets.US_ASCII);
            out.write(name.length);
            out.writeBytes(name);
            out.write(e.getValue().length >>> 8);
            out.write(e.getValue().length & 0xff);
            out.writeBytes(e.getValue());
        }
        return out.toByteArray();
    }

    static SecretBundle decode(byte[] plain) {
        ByteBuffer b = ByteBuffer.wrap(plain);
        Map<SecretKind, byte[]> m = new EnumMap<>(SecretKind.class);
        try {
            int n = b.get() & 0xff;
            for (int i = 0; i < n; i++) {
                byte[] name = new byte[b.get() & 0xff];
                b.get(name);
                byte[] value = new byte[b.getShort() & 0xffff];
                b.get(value);
                SecretKind kind = SecretKind.fromEntryName(new String(name, StandardCharsets.US_ASCII));
                if (m.put(kind, value) != null) {
                    throw new SecretStoreException("key file repeats the entry " + kind.entryName());
                }
            }
        } catch (BufferUnderflowException e) {
            throw new SecretStoreException("key file contents are truncated");
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        if (b.hasRemaining()) {
            throw new SecretStoreException("key file has trailing bytes after its entries");
        }
        return new SecretBundle(m);
    }

    @Override
    public String toString() {
        return "SecretBundle" + entries.keySet();
    }
}
