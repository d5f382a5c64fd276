package dev.drey.devnet.processes;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A stand-in deployable for the supervisor's tests: serves {@code /q/health/ready} on the port in
 * {@code CHILD_PORT} until killed; with {@code CHILD_FAIL} set it prints that message and exits 3 instead.
 */
public final class HealthChild {
    private HealthChild() {
    }

    public static void main(String[] args) throws Exception {
        String fail = System.getenv("CHILD_FAIL");
        if (fail != null) {
            System.out.println(fail);
            System.exit(3);
        }
        int port = Integer.parseInt(System.getenv("CHILD_PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/q/health/ready", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        System.out.println("child ready on " + port);
        Thread.currentThread().join();
    }
}
