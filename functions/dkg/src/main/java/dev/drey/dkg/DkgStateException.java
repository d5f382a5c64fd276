package dev.drey.dkg;

/**
 * Stored DKG state or a stored result cannot be used: it does not decrypt under this miner's key (altered,
 * or stored for another run or miner) or does not parse. Never carries key material.
 */
public final class DkgStateException extends RuntimeException {
    public DkgStateException(String message) {
        super(message);
    }
}
