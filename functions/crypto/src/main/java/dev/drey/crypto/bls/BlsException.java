package dev.drey.crypto.bls;

import dev.drey.crypto.CryptoException;

/** A BLS input (encoding, point, proof, share set) was refused; the message names what and why. */
public class BlsException extends CryptoException {
    public BlsException(String message) {
        super(message);
    }
}
