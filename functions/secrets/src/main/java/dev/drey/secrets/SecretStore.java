package dev.drey.secrets;

import java.util.Optional;

/** Where a deployable reads its secrets at start-up. Values are copies; callers wipe them when done. */
public interface SecretStore {
    Optional<byte[]> get(SecretKind kind);

    /** The secret, or a {@link SecretStoreException} naming what is missing. */
    default byte[] require(SecretKind kind) {
        return get(kind).orElseThrow(() -> new SecretStoreException("the key file holds no " + kind.entryName()));
    }
}
