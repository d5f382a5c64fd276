package dev.drey.relay.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** The shell's own logic, without the app: health from the feeder's state, the client's address. */
class HealthAndShellTest {

    @Test
    void aDeadIndexFeederIsDownWithItsReason() {
        HealthCheckResponse dead = IndexFeederLiveness.check(false, "OutOfMemoryError: Java heap space", 3);
        assertEquals(HealthCheckResponse.Status.DOWN, dead.getStatus());
        assertEquals(Optional.of("OutOfMemoryError: Java heap space"), dead.getData().map(d -> d.get("failure")));
        assertEquals(HealthCheckResponse.Status.UP, IndexFeederLiveness.check(true, "", 0).getStatus());
    }

    @Test
    void connectionsAreCountedPerIpAddressWithoutThePort() {
        assertEquals("192.0.2.7", RelayEndpoint.remoteHost("192.0.2.7:51234"));
        assertEquals("2001:db8::1", RelayEndpoint.remoteHost("[2001:db8::1]:443"));
        assertEquals("0:0:0:0:0:0:0:1", RelayEndpoint.remoteHost("0:0:0:0:0:0:0:1:5000"));
        assertEquals("unknown", RelayEndpoint.remoteHost(null));
    }
}
