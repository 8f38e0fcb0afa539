package io.ticketflow.worker.processing;

import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.TicketRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TicketDecoderTest {

    private static final RecordOrigin KEYED = new RecordOrigin("the-key", "tickets", 2, 41);
    private static final RecordOrigin UNKEYED = new RecordOrigin(null, "tickets", 2, 41);

    private final TicketDecoder decoder = new TicketDecoder(TicketJson.mapper(),
            TestWorkerConfig.of(Duration.ofSeconds(30)));

    @Test
    void readsEveryFieldOfAFullTicket() {
        TicketRecord ticket = valid("""
                {"id": "t-1", "type": "echo", "payload": {"a": [1, 2]}, "submittedAt": "2026-01-02T03:04:05Z",
                 "timeoutMs": 1500, "maxAttempts": 3, "callbackUrl": "http://localhost/cb", "unknown": true}
                """, KEYED);

        assertThat(ticket).isEqualTo(TicketRecord.submitted("t-1", "echo", TicketJson.mapper().createObjectNode()
                .set("a", TicketJson.mapper().createArrayNode().add(1).add(2)),
                Instant.parse("2026-01-02T03:04:05Z"), 1500L, 3, "http://localhost/cb"));
    }

    @Test
    void derivesTheIdFromTheKeyThenFromTheRecordPosition() {
        assertThat(valid("{\"type\": \"echo\"}", KEYED).id()).isEqualTo("the-key");
        assertThat(valid("{\"type\": \"echo\", \"id\": \"\"}", KEYED).id()).isEqualTo("the-key");
        assertThat(valid("{\"type\": \"echo\"}", UNKEYED).id()).isEqualTo("tickets-2-41");
    }

    @Test
    void keepsAMissingPayloadMissingAndAnExplicitNullAsNull() {
        assertThat(valid("{\"type\": \"echo\"}", KEYED).payload()).isNull();
        assertThat(valid("{\"type\": \"echo\", \"payload\": null}", KEYED).payload().isNull()).isTrue();
    }

    @Test
    void rejectsANullValue() {
        assertThat(decoder.decode(null, UNKEYED))
                .isEqualTo(new DecodedTicket.Invalid("tickets-2-41", "the record has no value"));
    }

    @Test
    void rejectsAValueOverTheSizeLimitUnread() {
        byte[] value = ("{\"type\": \"echo\", \"payload\": \"" + "x".repeat(64 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

        assertThat(decoder.decode(value, KEYED)).isEqualTo(new DecodedTicket.Invalid("the-key", "the value is "
                + value.length + " bytes, over the limit of 65536 (ticketflow.worker.max-ticket-bytes)"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"id\": \"t-1\", \"type\": \"echo\", \"payload\": \"a\\uD800\"}|t-1|payload",
            "{\"id\": \"t-1\", \"type\": \"echo\", \"payload\": {\"a\": [0, \"\\uDC00\"]}}|t-1|payload.a[1]",
            "{\"id\": \"t-1\", \"type\": \"echo\", \"payload\": {\"a\": {\"\\uD83Dx\": 1}}}|t-1|payload.a (a field name)",
            "{\"id\": \"t-\\uD800\", \"type\": \"echo\"}|the-key|id",
            "{\"type\": \"echo\\uDFFF\"}|the-key|type"})
    void rejectsTextWithAnUnpairedSurrogate(String json, String id, String where) {
        assertThat(decoder.decode(json.getBytes(StandardCharsets.UTF_8), KEYED)).isEqualTo(new DecodedTicket.Invalid(id,
                "'" + where + "' holds an unpaired surrogate (U+D800 to U+DFFF without its pair), which no UTF-8 result can carry"));
    }

    @Test
    void acceptsEscapedSurrogatePairs() {
        TicketRecord ticket = valid("{\"type\": \"echo\", \"payload\": {\"\\uD83D\\uDE00\": \"\\uD83D\\uDE00\"}}", KEYED);

        assertThat(ticket.payload().get("\uD83D\uDE00").textValue()).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] value = {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        assertThat(decoder.decode(value, KEYED))
                .isEqualTo(new DecodedTicket.Invalid("the-key", "the value is not valid UTF-8"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            not json at all                    | the value is not JSON
            {"type": "echo"} trailing          | the value is not JSON
            {"type": "echo"                    | the value is not JSON
            ''                                 | the value is empty
            [{"type": "echo"}]                 | the value is a JSON array, not an object
            "echo"                             | the value is a JSON string, not an object
            42                                 | the value is a JSON number, not an object
            {}                                 | field 'type' is missing or blank
            {"type": "  "}                     | field 'type' is missing or blank
            {"type": null}                     | field 'type' is missing or blank
            {"type": 42}                       | field 'type' must be a string
            {"type": "echo", "timeoutMs": "5"} | field 'timeoutMs' must be an integer from 1 to
            {"type": "echo", "timeoutMs": 0}   | field 'timeoutMs' must be an integer from 1 to
            {"type": "echo", "timeoutMs": 1.5} | field 'timeoutMs' must be an integer from 1 to
            {"type": "echo", "maxAttempts": 3000000000} | field 'maxAttempts' must be an integer from 1 to
            {"type": "echo", "submittedAt": "yesterday"} | field 'submittedAt' must be an ISO-8601 instant
            {"type": "echo", "callbackUrl": {}} | field 'callbackUrl' must be a string
            """)
    void rejectsWhatIsNoTicketWithAReason(String value, String reason) {
        DecodedTicket decoded = decoder.decode(value.getBytes(StandardCharsets.UTF_8), KEYED);

        assertThat(decoded).isInstanceOfSatisfying(DecodedTicket.Invalid.class, invalid -> {
            assertThat(invalid.ticketId()).isEqualTo("the-key");
            assertThat(invalid.reason()).startsWith(reason);
        });
    }

    @Test
    void rejectsDeeplyNestedJsonWithoutOverflowingTheStack() {
        int depth = 10_000;
        String value = "{\"type\": \"echo\", \"payload\": " + "[".repeat(depth) + "]".repeat(depth) + "}";

        assertThat(decoder.decode(value.getBytes(StandardCharsets.UTF_8), KEYED))
                .isInstanceOfSatisfying(DecodedTicket.Invalid.class, invalid ->
                        assertThat(invalid.reason()).startsWith("the value is not JSON").contains("nesting depth"));
    }

    @Test
    void readsTheAttemptOfARetry() {
        assertThat(valid("{\"type\": \"echo\", \"attempt\": 3}", KEYED).attemptNumber()).isEqualTo(3);
        assertThat(valid("{\"type\": \"echo\"}", KEYED).attemptNumber()).isEqualTo(1);
    }

    @Test
    void keysARejectionByTheIdFieldWhenItIsAString() {
        assertThat(decoder.decode("{\"id\": \"t-9\"}".getBytes(StandardCharsets.UTF_8), KEYED))
                .isEqualTo(new DecodedTicket.Invalid("t-9", "field 'type' is missing or blank"));
    }

    @Test
    void rejectsAnIdThatIsNoStringAndKeysTheRejectionByTheRecordKey() {
        assertThat(decoder.decode("{\"id\": 7, \"type\": \"echo\"}".getBytes(StandardCharsets.UTF_8), KEYED))
                .isEqualTo(new DecodedTicket.Invalid("the-key", "field 'id' must be a string"));
    }

    private TicketRecord valid(String json, RecordOrigin origin) {
        DecodedTicket decoded = decoder.decode(json.getBytes(StandardCharsets.UTF_8), origin);
        assertThat(decoded).isInstanceOf(DecodedTicket.Valid.class);
        return ((DecodedTicket.Valid) decoded).ticket();
    }
}
