package io.ticketflow.e2e;

import io.ticketflow.process.PackagedService;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A service's readiness as its orchestrator would see it. */
final class Health {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private Health() {
    }

    /** Whether {@code /q/health/ready} answers 200 UP now; blocks for at most a few seconds. */
    static boolean ready(PackagedService service) {
        HttpRequest request = HttpRequest.newBuilder(service.uri("/q/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    && TicketsClient.parse(response.body()).path("status").asText().equals("UP");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
