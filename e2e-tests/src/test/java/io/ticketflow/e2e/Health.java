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

    /** What a readiness probe saw. */
    enum Readiness {
        /** 200, status UP. */
        UP,
        /** Any other answer, such as 503 with status DOWN. */
        DOWN,
        /** No answer within the probe's timeout (or no connection). */
        NO_ANSWER
    }

    /** The readiness of the service as a probe with this timeout sees it, how long it took, and what it said. */
    record Probe(Readiness readiness, long millis, String body) {
    }

    static Probe probe(PackagedService service, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(service.uri("/q/health/ready")).timeout(timeout).build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            boolean up = response.statusCode() == 200
                    && TicketsClient.parse(response.body()).path("status").asText().equals("UP");
            return new Probe(up ? Readiness.UP : Readiness.DOWN, (System.nanoTime() - start) / 1_000_000,
                    response.body());
        } catch (IOException e) {
            return new Probe(Readiness.NO_ANSWER, (System.nanoTime() - start) / 1_000_000, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(Readiness.NO_ANSWER, (System.nanoTime() - start) / 1_000_000, e.toString());
        }
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
