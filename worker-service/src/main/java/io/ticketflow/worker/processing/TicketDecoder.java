package io.ticketflow.worker.processing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.ticketflow.contract.TicketPriority;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.UnpairedSurrogates;
import jakarta.inject.Singleton;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Turns the raw bytes of a tickets record into a ticket, or into the reason it is none. It reads the fields one by
 * one instead of data-binding, because binding coerces ({@code "type": 42} would become {@code "42"}) where a
 * hand-written record deserves a clear rejection.
 */
@Singleton
public class TicketDecoder {

    private final ObjectReader reader;
    private final long maxBytes;

    public TicketDecoder(ObjectMapper mapper, WorkerConfig config) {
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.maxBytes = config.maxTicketBytes().asLongValue();
    }

    public DecodedTicket decode(byte[] value, RecordOrigin origin) {
        JsonNode root;
        try {
            root = parse(value);
        } catch (InvalidTicketException e) {
            return new DecodedTicket.Invalid(origin.ticketId(null), e.getMessage());
        }
        try {
            requireEncodable(root, value);
            return new DecodedTicket.Valid(read(root, origin));
        } catch (InvalidTicketException e) {
            return invalid(root, origin, e);
        }
    }

    /** Under the ticket's own id where it has a usable one, so that its sender finds the rejection. */
    private static DecodedTicket invalid(JsonNode root, RecordOrigin origin, InvalidTicketException e) {
        JsonNode id = root.get("id");
        boolean usable = id != null && id.isTextual() && !UnpairedSurrogates.unpaired(id.textValue());
        return new DecodedTicket.Invalid(origin.ticketId(usable ? id.textValue() : null), e.getMessage());
    }

    private static void requireEncodable(JsonNode root, byte[] value) {
        if (hasEscape(value)) {
            UnpairedSurrogates.find(root, "").ifPresent(where -> {
                throw new InvalidTicketException("'" + where + "' holds an unpaired surrogate (U+D800 to U+DFFF "
                        + "without its pair), which no UTF-8 result can carry");
            });
        }
    }

    /** Only a backslash-u escape can put a surrogate into the text: valid UTF-8 (checked first) cannot encode one. */
    private static boolean hasEscape(byte[] value) {
        for (int i = 0; i + 1 < value.length; i++) {
            if (value[i] == '\\' && value[i + 1] == 'u') {
                return true;
            }
        }
        return false;
    }

    private JsonNode parse(byte[] value) {
        if (value == null) {
            throw new InvalidTicketException("the record has no value");
        }
        if (value.length > maxBytes) {
            throw new InvalidTicketException("the value is " + value.length + " bytes, over the limit of " + maxBytes
                    + " (ticketflow.worker.max-ticket-bytes)");
        }
        JsonNode root;
        try {
            root = reader.readTree(utf8(value));
        } catch (JsonProcessingException e) {
            throw new InvalidTicketException("the value is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidTicketException("the value is empty");
        }
        if (!root.isObject()) {
            throw new InvalidTicketException("the value is a JSON " + root.getNodeType().name().toLowerCase(Locale.ROOT)
                    + ", not an object");
        }
        return root;
    }

    private static String utf8(byte[] value) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidTicketException("the value is not valid UTF-8");
        }
    }

    private static TicketRecord read(JsonNode root, RecordOrigin origin) {
        String ticketId = origin.ticketId(text(root, "id"));
        String type = text(root, "type");
        if (type == null || type.isBlank()) {
            throw new InvalidTicketException("field 'type' is missing or blank");
        }
        Long timeoutMs = positiveInteger(root, "timeoutMs", Long.MAX_VALUE);
        Long maxAttempts = positiveInteger(root, "maxAttempts", Integer.MAX_VALUE);
        Long attempt = positiveInteger(root, "attempt", Integer.MAX_VALUE);
        return new TicketRecord(ticketId, type, root.get("payload"), instant(root, "submittedAt"), timeoutMs,
                maxAttempts == null ? null : maxAttempts.intValue(), text(root, "callbackUrl"),
                attempt == null ? null : attempt.intValue(), null, text(root, "idempotencyKey"), text(root, "requestHash"),
                text(root, "requestId"), text(root, "owner"), text(root, "traceId"), priority(root),
                instant(root, "runAt"));
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = present(root, field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidTicketException("field '" + field + "' must be a string");
        }
        return node.textValue();
    }

    private static TicketPriority priority(JsonNode root) {
        String text = text(root, "priority");
        try {
            return text == null ? null : TicketPriority.of(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidTicketException("field 'priority' must be one of high, normal, low");
        }
    }

    private static Long positiveInteger(JsonNode root, String field, long max) {
        JsonNode node = present(root, field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 1 || node.longValue() > max) {
            throw new InvalidTicketException("field '" + field + "' must be an integer from 1 to " + max);
        }
        return node.longValue();
    }

    private static Instant instant(JsonNode root, String field) {
        String text = text(root, field);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidTicketException("field '" + field + "' must be an ISO-8601 instant");
        }
    }

    private static JsonNode present(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? null : node;
    }
}
