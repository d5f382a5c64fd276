package dev.drey.relay;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts open connections, in total and per remote address, so that neither one host nor many
 * can hold more than their share of the relay. Thread-safe.
 */
public final class ConnectionGate {
    private final ResourceLimits limits;
    private final Map<String, Integer> perAddress = new HashMap<>();
    private int open;
    private long refused;

    public ConnectionGate(ResourceLimits limits) {
        this.limits = limits;
    }

    /** Takes a slot for a connection from {@code address}, or says why not. */
    public synchronized Optional<String> tryAdmit(String address) {
        if (open >= limits.maxConnections()) {
            refused++;
            return Optional.of("the relay has " + open + " connections, its maximum; try again later");
        }
        int mine = perAddress.getOrDefault(address, 0);
        if (mine >= limits.maxConnectionsPerAddress()) {
            refused++;
            return Optional.of("too many connections from this address (at most " + limits.maxConnectionsPerAddress()
                    + ")");
        }
        perAddress.put(address, mine + 1);
        open++;
        return Optional.empty();
    }

    /** Gives back a slot taken by {@link #tryAdmit}. */
    public synchronized void release(String address) {
        Integer mine = perAddress.get(address);
        if (mine == null) {
            return;
        }
        if (mine <= 1) {
            perAddress.remove(address);
        } else {
            perAddress.put(address, mine - 1);
        }
        open--;
    }

    public synchronized int openConnections() {
        return open;
    }

    /** Connections refused at the handshake since start. */
    public synchronized long refusedConnections() {
        return refused;
    }
}
