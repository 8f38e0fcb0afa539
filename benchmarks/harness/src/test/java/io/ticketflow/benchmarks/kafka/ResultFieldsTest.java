package io.ticketflow.benchmarks.kafka;

import io.ticketflow.contract.TicketError;
import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.TicketResult;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ResultFieldsTest {

    private static final Instant STARTED = Instant.parse("2026-11-25T10:00:00.123456Z");
    private static final Instant FINISHED = Instant.parse("2026-11-25T10:00:01Z");

    @Test
    void readsTheFieldsOfAContractResultAndSkipsTheHandlersOutput() throws Exception {
        TicketResult result = TicketResult.succeeded("t-1", 1,
                TicketJson.mapper().readTree("{\"ticketId\":\"not-this\",\"nested\":{\"status\":\"FAILED\"}}"),
                STARTED, FINISHED, "w");

        ResultFields fields = ResultFields.parse(TicketJson.mapper().writeValueAsBytes(result));

        assertThat(fields.ticketId()).isEqualTo("t-1");
        assertThat(fields.status()).isEqualTo("SUCCEEDED");
        assertThat(fields.terminal()).isTrue();
        assertThat(fields.startedAt()).isEqualTo(STARTED.getEpochSecond() * 1_000_000 + 123_456);
        assertThat(fields.finishedAt()).isEqualTo(FINISHED.getEpochSecond() * 1_000_000);
    }

    @Test
    void readsTheErrorCodeOfAFailedTicket() throws Exception {
        TicketResult result = TicketResult.failed("t-2", 3, new TicketError(TicketError.TIMEOUT, "too slow"),
                STARTED, FINISHED, "w");

        ResultFields fields = ResultFields.parse(TicketJson.mapper().writeValueAsBytes(result));

        assertThat(fields.status()).isEqualTo("FAILED");
        assertThat(fields.errorCode()).isEqualTo("timeout");
    }

    @Test
    void aRunningResultIsNotTerminalAndHasNoFinish() throws Exception {
        ResultFields fields = ResultFields.parse(
                TicketJson.mapper().writeValueAsBytes(TicketResult.running("t-3", 1, STARTED, "w")));

        assertThat(fields.terminal()).isFalse();
        assertThat(fields.finishedAt()).isEqualTo(-1);
    }

    @Test
    void anythingElseIsIgnored() {
        assertThat(ResultFields.parse(null)).isNull();
        assertThat(ResultFields.parse("[1,2]".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(ResultFields.parse("{\"status\":\"SUCCEEDED\"}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(ResultFields.parse("not json".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
