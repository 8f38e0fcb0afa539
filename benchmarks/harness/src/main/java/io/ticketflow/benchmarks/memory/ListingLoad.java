package io.ticketflow.benchmarks.memory;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketflow.benchmarks.load.Http;
import io.ticketflow.benchmarks.load.Latencies;
import io.ticketflow.client.TicketsHttp;
import io.ticketflow.contract.TicketJson;
import io.ticketflow.process.PackagedService;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed loop of {@link #CLIENTS} clients reading the producer's listing endpoints as a dashboard would: the
 * newest page, pages filtered by status, type, both, and submission time, a filter nothing matches, the next pages
 * of a listing (cursor after cursor, up to {@link #DEEPEST_PAGE} deep), the counters, and a page of the largest size.
 * Every request must answer 200; latency is recorded per kind, and over every kind but the largest page.
 */
final class ListingLoad {

    static final int CLIENTS = 4;
    private static final int DEEPEST_PAGE = 20;
    private static final int LARGEST_PAGE = 500;
    /** The kind measured apart: its cost is its 500 tickets, not the number held. */
    static final String LARGEST = "page of " + LARGEST_PAGE;

    /** What a run measured: per kind, and {@code pages} over every kind but {@link #LARGEST}. */
    record Outcome(Map<String, Histogram> byKind, Histogram pages, double requestsPerSecond) {

        String describe() {
            List<String> parts = new ArrayList<>();
            byKind.forEach((kind, histogram) -> parts.add(String.format(Locale.ROOT, "%s p50 %.1f / p99 %.1f ms", kind,
                    Latencies.percentileMillis(histogram, 50), Latencies.percentileMillis(histogram, 99))));
            return String.join("; ", parts);
        }
    }

    /** @param query the listing's parameters; null for the kinds that make their own */
    private record Kind(String name, Map<String, String> query) {
    }

    private final PackagedService producer;
    private final List<Kind> kinds;

    /** @param submittedAfter a bound that the filtered listing starts at (about half of the tickets held) */
    ListingLoad(PackagedService producer, Instant submittedAfter) {
        this.producer = producer;
        this.kinds = List.of(
                new Kind("newest", Map.of("limit", "50")),
                new Kind("by status", Map.of("status", "SUCCEEDED", "limit", "50")),
                new Kind("by type", Map.of("type", "echo", "limit", "50")),
                new Kind("by status and type", Map.of("status", "SUCCEEDED", "type", "echo", "limit", "50")),
                new Kind("submitted after", Map.of("submittedAfter", submittedAfter.toString(), "limit", "50")),
                new Kind("matching none", Map.of("status", "FAILED", "limit", "50")),
                new Kind("next page", null),
                new Kind("stats", null),
                new Kind(LARGEST, Map.of("limit", Integer.toString(LARGEST_PAGE))));
    }

    /** Runs {@link #CLIENTS} clients for {@code warmup}, then measures for {@code duration}. */
    Outcome run(Duration warmup, Duration duration) {
        Map<String, Histogram> byKind = new LinkedHashMap<>();
        kinds.forEach(kind -> byKind.put(kind.name(), Latencies.histogram()));
        Histogram pages = Latencies.histogram();
        AtomicLong requests = new AtomicLong();
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        // Closed after the executor, which waits for its clients.
        try (TicketsHttp tickets = new TicketsHttp(producer.uri(""), Http.HARNESS.key());
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CLIENTS; c++) {
                int first = c;
                clients.submit(() -> {
                    client(tickets, first, measureFrom, end, byKind, pages, requests);
                    return null;
                });
            }
        }
        return new Outcome(byKind, pages, requests.get() / (duration.toNanos() / 1e9));
    }

    /** One client: the kinds in turn, starting at its own; "next page" continues the listing it is paging through. */
    private void client(TicketsHttp tickets, int first, long measureFrom, long end, Map<String, Histogram> byKind,
            Histogram pages, AtomicLong requests) throws IOException {
        String cursor = null;
        int depth = 0;
        for (int i = first; System.nanoTime() < end; i++) {
            Kind kind = kinds.get(i % kinds.size());
            Map<String, String> query = switch (kind.name()) {
                case "stats" -> null;
                case "next page" -> cursor == null ? Map.of("limit", "50") : Map.of("limit", "50", "cursor", cursor);
                default -> kind.query();
            };
            long start = System.nanoTime();
            // Raw: the answers are timed and checked, not read into records (the harness shares the producer's cores).
            HttpResponse<String> response = (query == null ? tickets.stats() : tickets.list(query)).join();
            long nanos = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET %s answered %d: %s".formatted(response.uri(),
                        response.statusCode(), response.body()));
            }
            if (kind.name().equals("next page")) {
                JsonNode next = TicketJson.mapper().readTree(response.body()).path("next");
                depth = next.isTextual() && depth < DEEPEST_PAGE ? depth + 1 : 0;
                cursor = depth == 0 ? null : next.asText();
            }
            if (start >= measureFrom) {
                Latencies.record(byKind.get(kind.name()), nanos);
                if (!kind.name().equals(LARGEST)) {
                    Latencies.record(pages, nanos);
                }
                requests.incrementAndGet();
            }
        }
    }
}
