package io.ticketflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scheduled tickets through REST against the packaged services: SCHEDULED until their runAt, then run once, even
 * when the worker holding them is SIGKILLed and restarted meanwhile; one cancelled while scheduled never runs.
 */
class ScheduledTicketsIT {

    /** Room for a worker restart, which takes tens of seconds on a busy 2-core machine, before the ticket is due. */
    private static final Duration AHEAD = Duration.ofSeconds(90);
    /** How late a ticket may start after its runAt: the relay's group rejoining after the restart, under load. */
    private static final Duration LATE = Duration.ofSeconds(30);

    @Test
    void aScheduledTicketRunsOnceAtItsTimeAcrossAWorkerRestartAndACancelledOneNeverRuns() {
        TicketflowSystem system = TicketflowSystem.get();
        Instant runAt = Instant.now().plus(AHEAD).truncatedTo(ChronoUnit.MILLIS);
        String body = "{\"type\":\"echo\",\"payload\":{\"scheduled\":true},\"runAt\":\"" + runAt + "\"}";
        String kept = accepted(system.tickets.submit(body).join());
        String cancelled = accepted(system.tickets.submit(body).join());
        String soon = accepted(system.tickets.submit("{\"type\":\"echo\",\"delay\":\"PT2S\"}").join());

        assertThat(view(system, kept).path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(Instant.parse(view(system, kept).path("runAt").asText())).isEqualTo(runAt);
        // Sent before its ticket may be decided: the instance that accepted it waits for the decision (never 404).
        HttpResponse<String> cancel = system.tickets.cancel(cancelled).join();
        assertThat(cancel.statusCode()).isEqualTo(202);
        JsonNode soonDone = await().atMost(Duration.ofSeconds(60))
                .until(() -> view(system, soon), ticket -> ticket.path("status").asText().equals("SUCCEEDED"));
        Duration soonLate = Duration.between(Instant.parse(soonDone.path("runAt").asText()),
                Instant.parse(soonDone.path("startedAt").asText()));

        system.worker.kill();
        TicketflowSystem.restart(system.worker);
        assertThat(Instant.now()).as("the restart took longer than the schedule allows for").isBefore(runAt);
        assertThat(view(system, kept).path("status").asText()).isEqualTo("SCHEDULED");

        JsonNode done = await().atMost(AHEAD.plus(Duration.ofMinutes(2)))
                .until(() -> view(system, kept), ticket -> ticket.path("status").asText().equals("SUCCEEDED"));
        Instant startedAt = Instant.parse(done.path("startedAt").asText());
        assertThat(startedAt).isAfterOrEqualTo(runAt).isBefore(runAt.plus(LATE));
        assertThat(view(system, cancelled).path("status").asText()).isEqualTo("CANCELLED");

        List<ResultsLog.Entry> results = ResultsLog.read(system.bootstrapServers);
        List<ResultsLog.Entry> ofKept = results.stream().filter(entry -> entry.ticketId().equals(kept)).toList();
        assertThat(ofKept.stream().map(ResultsLog.Entry::startedAt).distinct()).as("executions").hasSize(1);
        assertThat(results.stream().filter(entry -> entry.ticketId().equals(cancelled)))
                .as("what a worker did with the cancelled ticket")
                .allSatisfy(entry -> assertThat(entry.status()).isEqualTo("CANCELLED"));

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("startedAfterRunAtMs", Duration.between(runAt, startedAt).toMillis());
        figures.put("startedAfterRunAtMsWithoutRestart", soonLate.toMillis());
        Figures.report("scheduled-tickets", figures);
    }

    private static String accepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return TicketsClient.parse(response.body()).path("id").asText();
    }

    private static JsonNode view(TicketflowSystem system, String id) {
        return TicketsClient.parse(system.tickets.getKnown(id, null).join().body());
    }
}
