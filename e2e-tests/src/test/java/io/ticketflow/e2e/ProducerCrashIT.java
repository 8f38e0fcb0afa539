package io.ticketflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The producer is killed with SIGKILL; the instance started after it rebuilds its view from Kafka alone. */
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

        system.producer.kill();
        TicketflowSystem.restart(system.producer);

        List<JsonNode> after = BoundedFlight.run(ids, 64, id -> system.tickets.get(id, null))
                .stream().map(response -> TicketsClient.parse(response.body())).toList();
        for (int i = 0; i < ids.size(); i++) {
            assertThat(after.get(i).path("status")).as(ids.get(i)).isEqualTo(before.get(i).path("status"));
            assertThat(after.get(i).path("result")).as(ids.get(i)).isEqualTo(before.get(i).path("result"));
            assertThat(after.get(i).path("error")).as(ids.get(i)).isEqualTo(before.get(i).path("error"));
        }
    }
}
