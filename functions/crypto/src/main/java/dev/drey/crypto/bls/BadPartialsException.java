package dev.drey.crypto.bls;

import java.util.List;

/** Too few valid partial signatures to aggregate; {@link #culprits} are the indices whose partials were bad. */
public class BadPartialsException extends BlsException {
    private final List<Integer> culprits;

    public BadPartialsException(String message, List<Integer> culprits) {
        super(message + (culprits.isEmpty() ? "" : " (bad partials from indices " + culprits + ")"));
        this.culprits = List.copyOf(culprits);
    }

    public List<Integer> culprits() {
        return culprits;
    }
}
