package dev.drey.crypto.pairing;

import dev.drey.crypto.CryptoException;

/** A pairing-group input (point, scalar, share, proof) was refused; the message says which and why. */
public class PairingException extends CryptoException {
    public PairingException(String message) {
        super(message);
    }
}
