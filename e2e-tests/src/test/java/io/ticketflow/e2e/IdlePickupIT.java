package io.ticketflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketflow.process.PackagedService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first ticket after a quiet spell: submitted through REST after {@code IDLE_SECONDS} (30) s without tickets,
 * how long after its {@code submittedAt} its handler started ({@code startedAt}), over a few such spells after
 * {@code WARMUP_TICKETS} tickets one after another; measured
 * with the connector's throttled commit (the worker's before) and with the worker's own. Target (issue
 * 12): median at most 10 ms, none over 100 ms, on an unloaded machine; asserted here only against a stall of the
 * kind once seen (0.9 s), since a shared 2-core machine's scheduling alone exceeds the target.
 */
class IdlePickupIT {

    private static final long IDLE_SECONDS = Long.getLong("ticketflow.e2e.idle-seconds", 30);
    private static final int SPELLS = Integer.getInteger("ticketflow.e2e.idle-spells", 3);
    private static final long STALL_MS = 500;
    private static final int WARMUP_TICKETS = 400;

    @Test
    void theFirstTicketAfterAQuietSpellStartsAtOnce() {
        TicketflowSystem system = TicketflowSystem.get();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("idleSeconds", IDLE_SECONDS);
        // The same spells with the connector's throttled commit every second, how the worker committed before.
        system.worker.stop();
        PackagedService throttled = PackagedService.launch("worker-idle-throttled", Instances.jar("worker"),
                PackagedService.freePort(), Instances.JVM_OPTIONS, Map.of(
                        "kafka.bootstrap.servers", system.bootstrapServers,
                        "mp.messaging.incoming.tickets.commit-strategy", "throttled",
                        "mp.messaging.incoming.tickets.auto.commit.interval.ms", "1000"),
                Instances.logs().resolve("worker-idle-throttled.log"));
        try {
            throttled.awaitReady(Duration.ofSeconds(90), waited -> { });
            figures.put("throttledCommitEverySecond", spells(system));
        } finally {
            throttled.stop();
        }
        TicketflowSystem.restart(system.worker);
        Map<String, Object> current = spells(system);
        figures.put("finishedOffsetsCommit", current);
        Figures.report("idle-pickup", figures);

        assertThat((long) current.get("maxMs")).as("most ms from submit to start after a quiet spell")
                .isLessThan(STALL_MS);
    }

    private static Map<String, Object> spells(TicketflowSystem system) {
        try (TicketRecords records = new TicketRecords(system.bootstrapServers)) {
            // A service that idles for 30 s in production has run long before: its code is compiled. A just-started
            // one picks up in 11-25 ms instead of 6-8 (2026-12-01), which is the JIT, not the pickup.
            for (int i = 0; i < WARMUP_TICKETS; i++) {
                pickup(system, records);
            }
            List<Pickup> pickups = new ArrayList<>();
            for (int i = 0; i < SPELLS; i++) {
                // The quiet spell is what is measured, not a wait for anything.
                LockSupport.parkNanos(Duration.ofSeconds(IDLE_SECONDS).toNanos());
                pickups.add(pickup(system, records));
            }
            List<Long> sorted = pickups.stream().map(Pickup::submitToStartedMs).sorted().toList();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("submitToStartedMs", pickups.stream().map(Pickup::submitToStartedMs).toList());
            figures.put("medianMs", sorted.get(sorted.size() / 2));
            figures.put("maxMs", sorted.getLast());
            // Where the time went: before the producer handed the ticket to its Kafka client (the record's
            // timestamp), and from there to the handler's start (linger, the write, the fetch, the worker).
            figures.put("submitToRecordMs", pickups.stream().map(Pickup::submitToRecordMs).toList());
            figures.put("recordToStartedMs", pickups.stream().map(Pickup::recordToStartedMs).toList());
            return figures;
        }
    }

    /** Submits one echo ticket and returns how long after its submittedAt it started, split at its record's time. */
    private static Pickup pickup(TicketflowSystem system, TicketRecords records) {
        String id = system.tickets.submitAccepted("{\"type\":\"echo\",\"payload\":{\"idle\":true}}").join();
        JsonNode view = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ZERO)
                .until(() -> TicketsClient.parse(system.tickets.get(id, "30s").join().body()),
                        ticket -> ticket.path("status").asText().equals("SUCCEEDED"));
        Instant submitted = Instant.parse(view.path("submittedAt").asText());
        Instant started = Instant.parse(view.path("startedAt").asText());
        Instant written = records.timestampOf(id, Duration.ofSeconds(30));
        return new Pickup(Duration.between(submitted, started).toMillis(),
                Duration.between(submitted, written).toMillis(), Duration.between(written, started).toMillis());
    }

    private record Pickup(long submitToStartedMs, long submitToRecordMs, long recordToStartedMs) {
    }
}
