package io.ticketflow.benchmarks.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.time.Instant;

/**
 * The few fields of a {@code ticket-results} value the harness needs. Read with the streaming parser, skipping the
 * handler's result, because the harness shares two cores with the service it measures.
 *
 * @param startedAt  epoch microseconds, or -1
 * @param finishedAt epoch microseconds, or -1
 * @param errorCode  {@code error.code} of a failed ticket
 * @param worker     the instance that wrote it, or null
 */
record ResultFields(String ticketId, String status, long startedAt, long finishedAt, String errorCode, String worker) {

    private static final JsonFactory JSON = new JsonFactory();

    boolean terminal() {
        return "SUCCEEDED".equals(status) || "FAILED".equals(status) || "CANCELLED".equals(status);
    }

    static ResultFields parse(byte[] value) {
        if (value == null) {
            return null;
        }
        String ticketId = null;
        String status = null;
        long startedAt = -1;
        long finishedAt = -1;
        String errorCode = null;
        String worker = null;
        try (JsonParser parser = JSON.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "ticketId" -> ticketId = parser.getValueAsString();
                    case "status" -> status = parser.getValueAsString();
                    case "startedAt" -> startedAt = micros(parser);
                    case "finishedAt" -> finishedAt = micros(parser);
                    case "error" -> errorCode = errorCode(parser);
                    case "worker" -> worker = parser.getValueAsString();
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return ticketId == null || status == null ? null : new ResultFields(ticketId, status, startedAt, finishedAt, errorCode, worker);
    }

    /** ISO-8601 per the contract; decimal epoch seconds too, which is how Jackson writes instants when told to. */
    private static long micros(JsonParser parser) throws IOException {
        if (parser.currentToken().isNumeric()) {
            return parser.getDecimalValue().movePointRight(6).longValue();
        }
        String text = parser.getValueAsString();
        if (text == null) {
            return -1;
        }
        Instant instant = Instant.parse(text);
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    private static String errorCode(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        String code = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals("code")) {
                code = parser.getValueAsString();
            } else {
                parser.skipChildren();
            }
        }
        return code;
    }
}
