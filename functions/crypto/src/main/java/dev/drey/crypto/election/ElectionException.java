package dev.drey.crypto.election;

import dev.drey.crypto.CryptoException;
import java.util.List;

/** An election input or operation was refused; the message says which and why, culprits name trustees (1-based). */
public final class ElectionException extends CryptoException {
    private final List<Integer> culprits;

    public ElectionException(String message) {
        this(message, List.of());
    }

    public ElectionException(String message, List<Integer> culprits) {
        super(message);
        this.culprits = List.copyOf(culprits);
    }

    /** The trustees whose input caused the refusal (empty when none is to blame). */
    public List<Integer> culprits() {
        return culprits;
    }
}
