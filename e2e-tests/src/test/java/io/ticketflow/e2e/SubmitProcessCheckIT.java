package io.ticketflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketflow.testing.ContractSchemas;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Submit → process → check through REST against the packaged services and a real broker. */
class SubmitProcessCheckIT {

    private static TicketflowSystem system;
    private static LocalHttpServer remoteApi;

    @BeforeAll
    static void startSystem() {
        system = TicketflowSystem.get();
        remoteApi = new LocalHttpServer();
    }

    @AfterAll
    static void stopRemoteApi() {
        remoteApi.close();
    }

    /** What one submitted ticket should end as. */
    private record Expectation(String body, String status, Function<JsonNode, String> check) {
    }

    @Test
    void aThousandMixedTicketsEachReachTheRightTerminalState() {
        List<Expectation> expectations = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            expectations.add(expectation(i));
        }

        List<String> ids = BoundedFlight.run(expectations, 64, expectation -> system.tickets.submitAccepted(expectation.body()));
        assertThat(new HashSet<>(ids)).hasSize(1000);

        List<HttpResponse<String>> views = BoundedFlight.run(ids, 128, id -> system.tickets.get(id, "60s"));
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            JsonNode view = TicketsClient.parse(views.get(i).body());
            Expectation expected = expectations.get(i);
            String problem = view.path("status").asText().equals(expected.status()) ? expected.check().apply(view) : "status";
            if (problem != null) {
                problems.add("#" + i + " " + problem + ": " + view);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(remoteApi.calls()).isGreaterThanOrEqualTo(200);
    }

    @Test
    void aLongPollAnswersAsSoonAsTheTicketIsDone() {
        String id = system.tickets.submitAccepted("{\"type\":\"delay\",\"payload\":{\"ms\":1000}}").join();
        Instant asked = Instant.now();
        JsonNode view = TicketsClient.parse(system.tickets.get(id, "60s").join().body());
        Duration waited = Duration.between(asked, Instant.now());

        assertThat(view.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(waited).as("answered when the ticket finished, not when the 60 s wait ran out")
                .isLessThan(Duration.ofSeconds(45));
    }

    @Test
    void aLongPollThatRunsOutAnswersWithTheCurrentState() {
        String id = system.tickets.submitAccepted("{\"type\":\"delay\",\"payload\":{\"ms\":20000}}").join();
        JsonNode view = TicketsClient.parse(system.tickets.get(id, "1s").join().body());
        assertThat(view.path("status").asText()).isIn("QUEUED", "RUNNING");
    }

    @Test
    void serverSentEventsDeliverEveryStateChangeAndEnd() throws Exception {
        String id = system.tickets.submitAccepted("{\"type\":\"delay\",\"payload\":{\"ms\":1500}}").join();
        List<TicketsClient.SseEvent> events = system.tickets.namedEvents(id);
        List<String> names = events.stream().map(TicketsClient.SseEvent::name).toList();
        List<String> changes = names.stream().filter(name -> !name.equals("PROGRESS")).toList();
        assertThat(changes).as("events named after each status the ticket passed through, once each: " + names)
                .containsSubsequence("RUNNING", "SUCCEEDED").doesNotHaveDuplicates().last().isEqualTo("SUCCEEDED");
        assertThat(events).filteredOn(event -> !event.name().equals("PROGRESS"))
                .allSatisfy(event -> assertThat(event.name()).isEqualTo(event.data().path("status").asText()));
        // The delay handler reports progress each second; the first report is passed on at once.
        assertThat(events).filteredOn(event -> event.name().equals("PROGRESS")).isNotEmpty().allSatisfy(event -> {
            assertThat(event.data().path("status").asText()).isEqualTo("RUNNING");
            assertThat(event.data().path("progress").path("percent").asInt(-1)).isBetween(0, 100);
        });
    }

    @Test
    void anHttpTicketToAHostOffTheAllowListFailsCleanly() {
        String id = system.tickets.submitAccepted(
                "{\"type\":\"http\",\"payload\":{\"url\":\"http://example.com/\"}}").join();
        JsonNode view = TicketsClient.parse(system.tickets.get(id, "30s").join().body());
        assertThat(view.path("status").asText()).isEqualTo("FAILED");
        assertThat(view.path("error").path("code").asText()).isEqualTo("host_not_allowed");
    }

    @Test
    void everyRecordTheWorkerWritesMatchesTheResultSchema() {
        String id = system.tickets.submitAccepted("{\"type\":\"echo\",\"payload\":[1,2,3]}").join();
        system.tickets.get(id, "30s").join();
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-schema-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        int checked = 0;
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("ticket-results"));
            Instant deadline = Instant.now().plusSeconds(30);
            Set<String> seen = new HashSet<>();
            while (!seen.contains(id) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    ContractSchemas.assertValidResult(record.value());
                    seen.add(record.key());
                    checked++;
                }
            }
            assertThat(seen).contains(id);
        }
        assertThat(checked).isPositive();
    }

    private static Expectation expectation(int i) {
        return switch (i % 10) {
            case 0, 1, 2, 3 -> new Expectation("{\"type\":\"echo\",\"payload\":{\"n\":" + i + "}}", "SUCCEEDED",
                    view -> view.path("result").path("n").asInt(-1) == i ? null : "echo result");
            case 4, 5, 6 -> new Expectation("{\"type\":\"delay\",\"payload\":{\"ms\":" + (20 + i % 200) + "}}", "SUCCEEDED",
                    view -> view.path("result").path("sleptMs").asInt(-1) == 20 + i % 200 ? null : "delay result");
            case 7, 8 -> new Expectation("{\"type\":\"http\",\"payload\":{\"url\":\"" + remoteApi.url("/items/" + i) + "\"}}",
                    "SUCCEEDED", view -> view.path("result").path("status").asInt() == 200
                            && view.path("result").path("body").asText().contains("/items/" + i) ? null : "http result");
            default -> i % 20 == 9
                    ? new Expectation("{\"type\":\"no-such-type\"}", "FAILED",
                            view -> view.path("error").path("code").asText().equals("unknown_type") ? null : "error code")
                    : new Expectation("{\"type\":\"delay\",\"timeoutMs\":50,\"payload\":{\"ms\":5000}}", "FAILED",
                            view -> view.path("error").path("code").asText().equals("timeout") ? null : "error code");
        };
    }
}
