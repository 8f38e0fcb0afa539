package io.ticketflow.e2e;

import io.ticketflow.process.ApiKey;
import io.ticketflow.process.PackagedService;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials never reach the services' logs: after the shared system served requests with the harness's key, with
 * keys it does not know and with a JWT it cannot verify, none of those tokens appears in the producer's or the
 * worker's log.
 */
class SecretsNotLoggedIT {

    @Test
    void noKeyOrTokenAppearsInTheServicesLogs() throws IOException, InterruptedException {
        TicketflowSystem system = TicketflowSystem.get();
        String wrongKey = ApiKey.randomKey();
        String jwt = unverifiableJwt();
        List<String> secrets = List.of(Instances.HARNESS.key(), wrongKey, jwt);

        String id = system.tickets.submitAccepted("{\"type\":\"echo\",\"payload\":{\"secret\":\"none\"}}").join();
        assertThat(system.tickets.getKnown(id, "30s").join().statusCode()).isEqualTo(200);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Integer> refused = new ArrayList<>();
        for (String token : List.of(wrongKey, jwt, "Bearer " + wrongKey)) {
            for (String path : List.of("/tickets", "/tickets/" + id, "/tickets/stats")) {
                refused.add(http.send(HttpRequest.newBuilder(system.producer.uri(path))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode());
            }
            refused.add(http.send(HttpRequest.newBuilder(system.producer.uri("/tickets"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"echo\"}")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        assertThat(refused).containsOnly(401);

        for (PackagedService service : List.of(system.producer, system.worker)) {
            String log = Files.readString(service.log(), StandardCharsets.UTF_8);
            assertThat(log).as(service.name() + "'s log").isNotEmpty();
            for (String secret : secrets) {
                assertThat(log).as(service.name() + "'s log").doesNotContain(secret);
            }
        }
    }

    /** Shaped like a JWT, signed by nobody the producer knows. */
    private static String unverifiableJwt() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"sub\":\"mallory\",\"groups\":[\"admin\"],\"iss\":\"ticketflow\","
                + "\"exp\":4102444800}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + base64.encodeToString(ApiKey.randomKey().getBytes(StandardCharsets.UTF_8));
    }
}
