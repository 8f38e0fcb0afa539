package io.ticketflow.worker.tracing;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.testing.KafkaBrokerResource;
import io.ticketflow.worker.WorkerKafka;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** A log line about a ticket carries its ticketId and traceId in the MDC (JSON logs make them keys of the line). */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class TicketLogTest {

    @AutoClose
    private final WorkerKafka kafka = new WorkerKafka();

    @Test
    void aHandlerFailureIsLoggedWithTheTicketIdAndTraceId() {
        List<ExtLogRecord> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                ExtLogRecord line = ExtLogRecord.wrap(record);
                // Taken now, on the logging thread: a record reads the MDC of whoever asks, unless copied.
                line.copyMdc();
                lines.add(line);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("io.ticketflow.worker.processing.TicketRunner");
        logger.addHandler(capture);
        try {
            String id = WorkerKafka.uniqueId("logged");
            kafka.sendJson(id, "{\"type\": \"broken\"}");
            TicketResult failed = kafka.awaitOutcome(id).getLast();

            ExtLogRecord line = lines.stream().filter(record -> id.equals(record.getMdc(TicketMdc.TICKET_ID)))
                    .findFirst().orElseThrow(() -> new AssertionError("no log line with ticketId " + id));
            assertThat(line.getFormattedMessage()).contains("failed on ticket " + id);
            assertThat(failed.traceId()).matches("[0-9a-f]{32}");
            assertThat(line.getMdc(TicketMdc.TRACE_ID)).isEqualTo(failed.traceId());
            assertThat(lines).filteredOn(record -> record.getMdc(TicketMdc.TICKET_ID) == null)
                    .as("the MDC does not outlive the line").allMatch(record -> !record.getFormattedMessage().contains(id));
        } finally {
            logger.removeHandler(capture);
        }
    }
}
