package io.ticketflow.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ticketflow.contract.TicketError;
import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractSchemasTest {

    @Test
    void theRecordTypesSerializeToValidRecords() throws Exception {
        Instant now = Instant.now();
        var ticket = TicketRecord.submitted("t1", "echo", JsonNodeFactory.instance.objectNode().put("a", 1), now, 1000L, 3, null);
        ContractSchemas.assertValidTicket(TicketJson.mapper().writeValueAsString(ticket));
        for (TicketResult result : new TicketResult[] {
                TicketResult.running("t1", 1, now, "w1"),
                TicketResult.succeeded("t1", 1, JsonNodeFactory.instance.textNode("ok"), now, now, "w1"),
                TicketResult.failed("t1", 1, new TicketError("timeout", "too slow"), now, now, "w1")}) {
            ContractSchemas.assertValidResult(TicketJson.mapper().writeValueAsString(result));
        }
    }

    @Test
    void aHandWrittenTicketNeedsOnlyAType() {
        assertThat(ContractSchemas.ticketViolations("{\"type\":\"echo\"}")).isEmpty();
        assertThat(ContractSchemas.ticketViolations("{\"payload\":1}")).isNotEmpty();
        assertThat(ContractSchemas.ticketViolations("{\"type\":\"echo\",\"timeoutMs\":-1}")).isNotEmpty();
    }

    @Test
    void aFailedResultWithoutAnErrorIsRejected() {
        assertThatThrownBy(() -> ContractSchemas.assertValidResult(
                "{\"ticketId\":\"t\",\"status\":\"FAILED\",\"attempt\":1,\"worker\":\"w\",\"finishedAt\":\"2026-01-01T00:00:00Z\"}"))
                .isInstanceOf(AssertionError.class);
        assertThat(ContractSchemas.resultViolations("{\"ticketId\":\"t\",\"status\":\"DONE\",\"attempt\":1,\"worker\":\"w\"}"))
                .isNotEmpty();
    }
}
