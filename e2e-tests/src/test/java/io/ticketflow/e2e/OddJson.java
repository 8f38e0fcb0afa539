package io.ticketflow.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketflow.contract.TicketJson;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of the inputs a careless or hostile client sends: JSON values of every shape, ticket-like objects
 * whose real fields carry wrong or extreme values, broken JSON and raw bytes. The same seed gives the same inputs, so
 * a failing run is reproduced from the seed it printed.
 */
final class OddJson {

    private static final ObjectMapper JSON = TicketJson.mapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The fields of a submission; a hand-written record may also carry {@link #RECORD_FIELDS}. */
    private static final List<String> SUBMIT_FIELDS = List.of("type", "payload", "timeoutMs", "maxAttempts",
            "callbackUrl");
    private static final List<String> RECORD_FIELDS = List.of("id", "submittedAt", "attempt", "notBefore",
            "idempotencyKey", "requestHash");
    private static final List<String> TYPES = List.of("echo", "delay", "no-such-type", "ECHO", "echo.v2", "_",
            "x".repeat(100));
    /** Callback URLs that never reach a host: the worker must not call out because of a fuzz input. */
    private static final List<String> CALLBACK_URLS = List.of("http://example.invalid/hook",
            "https://example.invalid:8443/a?b=c#d", "ftp://example.invalid/", "http://", "http:// spaced.invalid/",
            "//example.invalid", "example.invalid/hook", "http://user@example.invalid/", "javascript:alert(1)");
    private static final List<String> ODD_TEXTS = List.of("", " ", "null", "true", "0", "-1", "1e400", "NaN",
            "{\"type\":\"echo\"}", "[]", "'; DROP TABLE tickets; --", "<script>alert(1)</script>", "${jndi:ldap://x}",
            "%s%n%x", "\u0000", "\t\r\n", "e\u0301cho", "\u202eohce", "\u200becho", "echo ", "ｅｃｈｏ",
            "ticket 🎫", "日本語のチケット", "\uFEFFecho", "\\u0000", "\"quoted\"", "..", "../../etc/passwd");
    /** Text that is not JSON but close to it, or JSON only to the letter (a lone surrogate). */
    private static final List<String> ALMOST_JSON = List.of("type=echo&payload=1", "<ticket type=\"echo\"/>",
            "{'type': 'echo'}", "{type: \"echo\"}", "{\"type\": \"echo\",}", "{\"type\": \"echo\"} trailing",
            "{\"type\": \"echo\"}{\"type\": \"echo\"}", "{\"type\": NaN}", "{\"timeoutMs\": Infinity}",
            "/* c */ {\"type\": \"echo\"}", "{\"type\": \"echo\" // c\n}", "\uFEFF{\"type\": \"echo\"}",
            "{\"type\": \"\\x41\"}",
            "{\"type\": \"\\ud800\"}", "{\"type\": \"echo\", \"payload\": 01}", "{\"type\": \"echo\", \"payload\": .5}",
            "{\"type\": \"echo\", \"payload\": +1}", "{\"type\": \"echo\", \"payload\": 1.}",
            "{\"type\": \"tab\there\"}",
            "{", "}", "[", "\"", "nul", "tru", "{\"a\":", "{\"type\"}", ":", ",", "{{}}");

    private final Random random;

    OddJson(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /**
     * An object with the fields of a ticket, each present or not, each with a plausible value or any other JSON
     * value; sometimes with unknown fields and, for records, the fields only the worker reads.
     */
    ObjectNode ticketLike(boolean recordFields) {
        ObjectNode ticket = NODES.objectNode();
        for (String field : SUBMIT_FIELDS) {
            if (chance(0.8)) {
                ticket.set(field, chance(0.5) ? plausible(field) : any(3));
            }
        }
        if (recordFields) {
            for (String field : RECORD_FIELDS) {
                if (chance(0.15)) {
                    ticket.set(field, any(1));
                }
            }
        }
        while (chance(0.2)) {
            ticket.set(text(), any(2));
        }
        return tame(ticket);
    }

    /** A well-formed ticket of a type no worker has: it must end FAILED, not stop anything. */
    ObjectNode unknownType() {
        ObjectNode ticket = NODES.objectNode().put("type", "fuzz-" + Long.toHexString(random.nextLong()));
        ticket.set("payload", any(2));
        return ticket;
    }

    /** A good {@code echo} ticket with any payload. */
    ObjectNode echo() {
        ObjectNode ticket = NODES.objectNode().put("type", "echo");
        ticket.set("payload", any(3));
        return ticket;
    }

    /**
     * A {@code delay} ticket really runs on the shared worker: one asking for minutes would hold its partition's
     * commits for the tests that follow. Its time limit and attempts are kept small (the other types end at once).
     */
    private ObjectNode tame(ObjectNode ticket) {
        if (ticket.path("type").asText("").equals("delay")) {
            ticket.put("timeoutMs", 1 + random.nextInt(1000));
            ticket.put("maxAttempts", 1);
        }
        return ticket;
    }

    private JsonNode plausible(String field) {
        return switch (field) {
            case "type" -> NODES.textNode(pick(TYPES));
            case "timeoutMs" -> NODES.numberNode(1 + random.nextInt(5000));
            case "maxAttempts" -> NODES.numberNode(1 + random.nextInt(3));
            case "callbackUrl" -> NODES.textNode(pick(CALLBACK_URLS));
            default -> chance(0.5) ? NODES.objectNode().put("ms", random.nextInt(200)) : any(3);
        };
    }

    /** Any JSON value, nested at most {@code depth} levels. */
    JsonNode any(int depth) {
        int kinds = depth > 0 ? 9 : 6;
        return switch (random.nextInt(kinds)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2, 3 -> number();
            case 4, 5 -> NODES.textNode(text());
            case 6 -> array(depth - 1);
            default -> object(depth - 1);
        };
    }

    private JsonNode number() {
        return switch (random.nextInt(12)) {
            case 0 -> NODES.numberNode(0);
            case 1 -> NODES.numberNode(-1 - random.nextInt(1000));
            case 2 -> NODES.numberNode(Long.MAX_VALUE);
            case 3 -> NODES.numberNode(Long.MIN_VALUE);
            case 4 -> NODES.numberNode(Integer.MAX_VALUE + 1L);
            case 5 -> NODES.numberNode(new BigInteger(130 + random.nextInt(200), random));
            case 6 -> NODES.numberNode(new BigDecimal("1e" + (300 + random.nextInt(1000))));
            case 7 -> NODES.numberNode(new BigDecimal("-1e-" + (300 + random.nextInt(1000))));
            case 8 -> NODES.numberNode(random.nextDouble() * 10_000);
            case 9 -> NODES.numberNode(-0.0);
            default -> NODES.numberNode(random.nextInt());
        };
    }

    /** Text that is odd for a field: control and combining characters, other scripts, emoji, lone surrogates. */
    String text() {
        return switch (random.nextInt(6)) {
            case 0 -> pick(ODD_TEXTS);
            case 1 -> codePoints(1 + random.nextInt(40), 0x20, 0x7F);
            case 2 -> codePoints(1 + random.nextInt(40), 0x80, 0x3000);
            case 3 -> codePoints(1 + random.nextInt(10), 0x1F300, 0x1FAFF);
            case 4 -> new String(new char[] {(char) (0xD800 + random.nextInt(0x800))});
            default -> codePoints(1000 + random.nextInt(20_000), 0x20, 0x7F);
        };
    }

    private String codePoints(int count, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.appendCodePoint(from + random.nextInt(to - from));
        }
        return text.toString();
    }

    private ArrayNode array(int depth) {
        ArrayNode array = NODES.arrayNode();
        int size = random.nextInt(6);
        for (int i = 0; i < size; i++) {
            array.add(any(depth));
        }
        return array;
    }

    private ObjectNode object(int depth) {
        ObjectNode object = NODES.objectNode();
        int size = random.nextInt(6);
        for (int i = 0; i < size; i++) {
            object.set(chance(0.3) ? pick(SUBMIT_FIELDS) : text(), any(depth));
        }
        return object;
    }

    /** Arrays or objects nested {@code depth} deep, around and past the parsers' nesting limit (1000). */
    String nested(String type, int depth) {
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        return "{\"type\":\"" + type + "\",\"payload\":" + open.repeat(depth) + "1" + close.repeat(depth) + "}";
    }

    /** A nesting depth near the 1000 levels Jackson accepts by default, or well past it. */
    int nestingDepth() {
        return chance(0.5) ? 990 + random.nextInt(20) : 1 + random.nextInt(20_000);
    }

    /** Text that is almost JSON, or was JSON until cut, or carries bytes that are not UTF-8. */
    byte[] broken() {
        return switch (random.nextInt(4)) {
            case 0 -> utf8(pick(ALMOST_JSON));
            case 1 -> truncated(json(ticketLike(false)));
            case 2 -> notUtf8(json(ticketLike(false)));
            default -> bytes(1 + random.nextInt(300));
        };
    }

    /**
     * A good {@code echo} ticket made unacceptable in one way the producer must refuse with a 4xx: content after the
     * JSON value, a key twice, a number no 64-bit float holds, a {@code timeoutMs} over the shared maximum (15
     * minutes), a {@code type} or {@code callbackUrl} over its length limit.
     */
    byte[] refusable() {
        String good = new String(json(echo()), StandardCharsets.UTF_8);
        String body = good.substring(0, good.length() - 1);
        return utf8(switch (random.nextInt(8)) {
            case 0 -> good + pick(List.of(" xyz", good, "[]", " 1", "\"", "}", " // c"));
            case 1 -> body + ",\"type\":\"echo\"}";
            case 2 -> "{\"type\":\"echo\",\"payload\":{\"a\":1,\"b\":[" + new String(json(NODES.textNode(text())), StandardCharsets.UTF_8) + "],\"a\":2}}";
            case 3 -> body + ",\"timeoutMs\":" + (900_001L + random.nextInt(Integer.MAX_VALUE)) + "}";
            case 4 -> "{\"type\":\"echo\",\"payload\":{\"n\":[0," + pick(List.of("1e999999999", "-1e400",
                    "2e308", "1" + "0".repeat(400) + ".0")) + "]}}";
            case 5 -> "{\"type\":\"" + "e".repeat(101 + random.nextInt(1000)) + "\"}";
            case 6 -> body + ",\"callbackUrl\":\"http://example.invalid/" + "c".repeat(2049) + "\"}";
            default -> body + ",\"timeoutMs\":1e999999999}";
        });
    }

    byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] truncated(byte[] json) {
        return Arrays.copyOf(json, random.nextInt(Math.max(1, json.length - 1)));
    }

    /** The JSON with a malformed UTF-8 sequence put in at a random place. */
    private byte[] notUtf8(byte[] json) {
        byte[][] malformed = {{(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xED, (byte) 0xA0,
                (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80}};
        byte[] bad = malformed[random.nextInt(malformed.length)];
        int at = random.nextInt(json.length + 1);
        byte[] result = new byte[json.length + bad.length];
        System.arraycopy(json, 0, result, 0, at);
        System.arraycopy(bad, 0, result, at, bad.length);
        System.arraycopy(json, at, result, at + bad.length, json.length - at);
        return result;
    }

    static ArrayNode array(JsonNode... items) {
        return NODES.arrayNode().addAll(Arrays.asList(items));
    }

    /** An {@code echo} ticket whose serialized form is {@code size} bytes long. */
    static byte[] echoOfSize(int size) {
        String head = "{\"type\":\"echo\",\"payload\":\"";
        String tail = "\"}";
        return utf8(head + "p".repeat(Math.max(0, size - head.length() - tail.length())) + tail);
    }

    static byte[] json(JsonNode value) {
        try {
            // Bytes, not a String: Jackson's UTF-8 writer escapes a lone surrogate, String.getBytes would make it '?'.
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
