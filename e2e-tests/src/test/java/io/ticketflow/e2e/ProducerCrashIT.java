package io.ticketflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer is killed with SIGKILL and started again with the same state directory, as a restarted pod keeps its
 * volume: once ready it answers exactly as before (the same view, revision included) for every earlier ticket.
 */
class ProducerCrashIT {

    @Test
    void aRestartedProducerStillAnswersForEveryEarlierTicket() throws Exception {
        TicketflowSystem system = TicketflowSystem.get();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            bodies.add(switch (i % 3) {
                case 0 -> "{\"type\":\"echo\",\"payload\":{\"n\":" + i + "}}";
                case 1 -> "{\"type\":\"delay\",\"payload\":{\"ms\":" + (i % 100) + "}}";
                default -> "{\"type\":\"no-such-type\"}";
            });
        }
        List<String> ids = BoundedFlight.run(bodies, 32, system.tickets::submitAccepted);
        List<JsonNode> before = BoundedFlight.run(ids, 64, id -> system.tickets.get(id, "60s"))
                .stream().map(response -> TicketsClient.parse(response.body())).toList();
        assertThat(before).allSatisfy(view -> assertThat(view.path("status").asText()).isIn("SUCCEEDED", "FAILED"));
        long stateFiles = files(system.producerStateDir);
        assertThat(stateFiles).as("files in the producer's state directory before the kill").isPositive();

        long killedAt = System.nanoTime();
        system.producer.kill();
        TicketflowSystem.restart(system.producer);
        Duration toReady = Duration.ofNanos(System.nanoTime() - killedAt);

        List<HttpResponse<String>> answers = BoundedFlight.run(ids, 64, id -> system.tickets.get(id, null));
        List<String> different = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            HttpResponse<String> answer = answers.get(i);
            if (answer.statusCode() != 200 || !TicketsClient.parse(answer.body()).equals(before.get(i))) {
                different.add(ids.get(i) + ": " + answer.statusCode() + " " + answer.body() + " (was " + before.get(i) + ")");
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("tickets", ids.size());
        figures.put("stateFilesBeforeKill", stateFiles);
        figures.put("killToReadyMs", toReady.toMillis());
        figures.put("answeredDifferently", different.size());
        Figures.report("producer-crash", figures);
        assertThat(different).as("tickets answered differently after the restart").isEmpty();
    }

    private static long files(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).count();
        }
    }
}
