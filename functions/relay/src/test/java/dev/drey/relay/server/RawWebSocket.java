package dev.drey.relay.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A websocket client written by hand over a plain socket, so a test can do what real clients
 * cannot: name any Host header, and write frames without ever reading the answers.
 */
final class RawWebSocket implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    /** The HTTP status of the handshake answer (101 when upgraded). */
    final int status;

    private RawWebSocket(Socket socket, int status) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.status = status;
    }

    /** Connects to 127.0.0.1:{@code port} sending {@code host} as the Host header. */
    static RawWebSocket connect(int port, String host, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(10_000);
        String key = Base64.getEncoder().encodeToString("drey-raw-client!".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        String head = readHead(s.getInputStream());
        int status = Integer.parseInt(head.substring(9, 12));
        return new RawWebSocket(s, status);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed during the handshake");
            }
            b.write(c);
            matched = (c == '\r' && matched % 2 == 0) || (c == '\n' && matched % 2 == 1) ? matched + 1 : 0;
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    /** One masked text frame (clients must mask), as bytes: a flood writes the same bytes again and again. */
    static byte[] textFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream b = new ByteArrayOutputStream(payload.length + 14);
        b.write(0x81);
        if (payload.length < 126) {
            b.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            b.write(0x80 | 126);
            b.write(payload.length >>> 8);
            b.write(payload.length & 0xff);
        } else {
            throw new IllegalArgumentException("frame too large for this test client");
        }
        byte[] mask = {0x37, 0x5a, 0x11, 0x7e};
        b.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            b.write(payload[i] ^ mask[i % 4]);
        }
        return b.toByteArray();
    }

    void write(byte[] frame) throws IOException {
        out.write(frame);
    }

    void sendText(String text) throws IOException {
        out.write(textFrame(text));
        out.flush();
    }

    /** The next text frame's payload; null when the server closed (a close frame, or end of stream). */
    String readText() throws IOException {
        while (true) {
            int b0;
            try {
                b0 = in.readUnsignedByte();
            } catch (EOFException e) {
                return null;
            }
            int b1 = in.readUnsignedByte();
            long len = b1 & 0x7f;
            if (len == 126) {
                len = in.readUnsignedShort();
            } else if (len == 127) {
                len = in.readLong();
            }
            byte[] payload = new byte[(int) len];
            in.readFully(payload);
            int opcode = b0 & 0x0f;
            if (opcode == 8) {
                return null;
            }
            if (opcode == 1) {
                return new String(payload, StandardCharsets.UTF_8);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
