package io.ticketflow.benchmarks.load;

import io.ticketflow.client.TicketStats;
import io.ticketflow.client.TicketStatus;
import io.ticketflow.client.TicketflowClient;
import io.ticketflow.client.TicketsHttp;
import io.ticketflow.process.ApiKey;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The load generators' HTTP: the ticket API through the project's Java client ({@code clients/java}), its raw calls
 * on a JDK client of their own — asynchronous (sendAsync, no thread per request), HTTP/1.1 so that {@code C}
 * requests in flight are {@code C} kept-alive connections, as a closed loop of C clients means.
 */
public final class Http {

    /** The key every producer the rig starts accepts, and every request sends: an admin without submission limits. */
    public static final ApiKey HARNESS = ApiKey.harness();

    private Http() {
    }

    /** The raw ticket API of {@code base} (a producer, or the baseline app), with the harness's credentials. */
    public static TicketsHttp tickets(URI base) {
        return new TicketsHttp(base, HARNESS.key(), HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                // Completions only record a number and send the next request: two threads keep up with them.
                .executor(Executors.newFixedThreadPool(2, Thread.ofPlatform().name("http-load-", 0).daemon().factory()))
                .build());
    }

    /** The typed client of a producer, with the harness's credentials, for the calls that are not load. */
    public static TicketflowClient client(URI base) {
        return TicketflowClient.create(base, HARNESS.key());
    }

    /** The tickets a producer's view holds SUCCEEDED, from its counters ({@code GET /tickets/stats}, not a scan). */
    public static long succeeded(TicketStats stats) {
        return stats.byStatus().getOrDefault(TicketStatus.SUCCEEDED, Map.of()).values().stream()
                .mapToLong(Long::longValue).sum();
    }
}
