package io.ticketflow.benchmarks.rig;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketflow.contract.TicketJson;
import io.ticketflow.process.PackagedService;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks a starting producer's {@code /q/health/ready} again and again until it answers UP, and keeps what it said on
 * the way: whether it answered at all, how often it was DOWN while its {@code ticket-state} check still had records
 * left to restore ({@code recordsLeftToRestore}), the most it had left. Time counts from a given start (usually just
 * before the process was started), so the figure is process start → ready.
 */
public final class ReadinessSampler {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    /**
     * @param readySeconds        from the start to the first UP answer
     * @param answeredSeconds     from the start to the first answer of any kind (HTTP up), or -1
     * @param samples             answers received (UP or DOWN)
     * @param downRestoring       DOWN answers with {@code recordsLeftToRestore} > 0
     * @param maxLeftToRestore    the most records left to restore in any answer
     * @param firstLeftToRestore  records left to restore in the first answer that had any, or 0
     * @param firstRestoringSeconds from the start to the first DOWN answer with records left to restore, or -1
     * @param lastRestoringSeconds  from the start to the last one, or -1
     * @param upWhileRestoring    UP answers that still had records left to restore (must be 0)
     * @param lastDown            the last DOWN answer's body (what it waited for last)
     */
    public record Outcome(double readySeconds, double answeredSeconds, int samples, int downRestoring,
            long maxLeftToRestore, long firstLeftToRestore, double firstRestoringSeconds, double lastRestoringSeconds, int upWhileRestoring,
            String lastDown) {
    }

    private ReadinessSampler() {
    }

    /**
     * @param startNanos {@link System#nanoTime()} when the process was started
     * @param interval   how often to ask
     */
    public static Outcome awaitUp(PackagedService service, long startNanos, Duration interval, Duration timeout,
            Progress.Ticker ticker) {
        HttpRequest request = HttpRequest.newBuilder(service.uri("/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        int samples = 0;
        int downRestoring = 0;
        int upWhileRestoring = 0;
        long maxLeft = 0;
        long firstLeft = 0;
        double answered = -1;
        double firstRestoring = -1;
        double lastRestoring = -1;
        String lastDown = null;
        long lastLeft = -1;
        while (System.nanoTime() - startNanos < timeout.toNanos()) {
            service.checkAlive();
            HttpResponse<String> response = ask(request);
            double at = (System.nanoTime() - startNanos) / 1e9;
            if (response != null) {
                samples++;
                if (answered < 0) {
                    answered = at;
                }
                JsonNode health = json(response.body());
                long left = leftToRestore(health);
                lastLeft = left;
                maxLeft = Math.max(maxLeft, left);
                boolean up = response.statusCode() == 200 && "UP".equals(health.path("status").asText());
                if (up) {
                    if (left > 0) {
                        upWhileRestoring++;
                    }
                    return new Outcome(at, answered, samples, downRestoring, maxLeft, firstLeft, firstRestoring, lastRestoring,
                            upWhileRestoring, lastDown);
                }
                lastDown = response.body();
                if (left > 0) {
                    downRestoring++;
                    if (firstRestoring < 0) {
                        firstRestoring = at;
                        firstLeft = left;
                    }
                    lastRestoring = at;
                }
            }
            long shownLeft = lastLeft;
            ticker.tick(() -> "%s not ready yet (%.0f s)%s".formatted(service.name(), at,
                    shownLeft > 0 ? ": %,d records left to restore".formatted(shownLeft) : ""));
            Pause.briefly(interval);
        }
        throw new IllegalStateException("%s was not ready within %s; last said %s; see %s".formatted(service.name(),
                timeout, lastDown, service.log()));
    }

    private static HttpResponse<String> ask(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while probing readiness", e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return TicketJson.mapper().readTree(body);
        } catch (IOException e) {
            return TicketJson.mapper().createObjectNode();
        }
    }

    /** {@code recordsLeftToRestore} of the {@code ticket-state} check; 0 when absent. */
    static long leftToRestore(JsonNode health) {
        for (JsonNode check : health.path("checks")) {
            if ("ticket-state".equals(check.path("name").asText())) {
                return check.path("data").path("recordsLeftToRestore").asLong(0);
            }
        }
        return 0;
    }
}
