package dev.drey.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** A free local port, so a relay's public URL can be configured before its server starts. */
public final class TestPorts {
    private TestPorts() {
    }

    public static int free() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL {@code RelayServer.url()} reports for a server on {@code port}. */
    public static String url(int port) {
        return "ws://127.0.0.1:" + port;
    }
}
