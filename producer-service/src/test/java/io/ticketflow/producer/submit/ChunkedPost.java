package io.ticketflow.producer.submit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Posts a ticket with chunked transfer encoding, so without Content-Length, over a plain socket: HTTP client
 * libraries announce the length whenever they know it, which is the case this must avoid.
 */
final class ChunkedPost {

    private static final int CHUNK = 16 * 1024;

    private ChunkedPost() {
    }

    /** The status, headers (names in lower case) and body of the answer. */
    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** @param size the body's exact length in bytes */
    static Answer send(URI endpoint, int size) throws IOException {
        byte[] body = ticketOfSize(size);
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(ascii("POST " + endpoint.getRawPath() + " HTTP/1.1\r\nHost: " + endpoint.getAuthority()
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"));
            for (int offset = 0; offset < body.length; offset += CHUNK) {
                int length = Math.min(CHUNK, body.length - offset);
                out.write(ascii(Integer.toHexString(length) + "\r\n"));
                out.write(body, offset, length);
                out.write(ascii("\r\n"));
            }
            out.write(ascii("0\r\n\r\n"));
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static byte[] ticketOfSize(int size) {
        String frame = "{\"type\":\"echo\",\"payload\":\"\"}";
        return ascii(frame.replace("\"\"}", "\"" + "x".repeat(size - frame.length()) + "\"}"));
    }

    private static Answer parse(byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8);
        int headEnd = text.indexOf("\r\n\r\n");
        String[] head = text.substring(0, headEnd).split("\r\n");
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            String name = head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            headers.put(name, head[i].substring(colon + 1).trim());
        }
        String body = text.substring(headEnd + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Answer(Integer.parseInt(head[0].split(" ")[1]), headers, body);
    }

    private static String dechunk(String chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int length = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (length == 0) {
                return body.toString(StandardCharsets.UTF_8);
            }
            body.writeBytes(ascii(chunked.substring(lineEnd + 2, lineEnd + 2 + length)));
            at = lineEnd + 2 + length + 2;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
