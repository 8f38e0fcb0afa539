package io.ticketflow.e2e;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker is killed with SIGKILL three times while it works through a large batch, and restarted each time.
 * Every ticket must still reach exactly one terminal state; executions repeated after a kill are counted and
 * reported (at-least-once: a ticket whose result was not yet committed runs again).
 */
class WorkerCrashIT {

    private static final int TICKETS = Integer.getInteger("ticketflow.e2e.crash.tickets", 20_000);
    private static final int KILLS = 3;

    @Test
    void killingTheWorkerMidRunLosesNoTicket() throws Exception {
        TicketflowSystem system = TicketflowSystem.get();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            bodies.add(i % 2 == 0
                    ? "{\"type\":\"echo\",\"payload\":{\"n\":" + i + "}}"
                    : "{\"type\":\"delay\",\"payload\":{\"ms\":" + (50 + i % 250) + "}}");
        }
        long before = ResultsLog.count(system.bootstrapServers);
        // Its own thread, not the common pool: the JDK HTTP client completes its futures there, and a common-pool
        // thread blocked on the in-flight bound would starve it on a 2-core machine.
        ExecutorService submitter = Executors.newSingleThreadExecutor();
        CompletableFuture<List<String>> submitted = CompletableFuture.supplyAsync(
                () -> BoundedFlight.run(bodies, 64, system.tickets::submitAccepted), submitter);

        int kills = 0;
        while (kills < KILLS) {
            // Each ticket writes at least one result (RUNNING only when it outlasts running-after): kill at about
            // 20 %, 40 % and 60 % of the way.
            awaitResults(system, before + (long) (kills + 1) * TICKETS / (KILLS + 2));
            system.worker.kill();
            kills++;
            TicketflowSystem.restart(system.worker);
        }
        List<String> ids = submitted.join();
        submitter.shutdown();

        List<HttpResponse<String>> views = BoundedFlight.run(ids, 128, id -> system.tickets.get(id, "60s"));
        Map<String, Long> byStatus = views.stream()
                .map(view -> TicketsClient.parse(view.body()).path("status").asText())
                .collect(Collectors.groupingBy(status -> status, Collectors.counting()));
        assertThat(byStatus).as("terminal states in the status view").containsOnlyKeys("SUCCEEDED");

        Set<String> ours = Set.copyOf(ids);
        Map<String, List<ResultsLog.Entry>> written = ResultsLog.read(system.bootstrapServers).stream()
                .filter(entry -> ours.contains(entry.ticketId()))
                .collect(Collectors.groupingBy(ResultsLog.Entry::ticketId));
        // An execution shows as the results sharing its startedAt; one killed before writing any leaves no trace.
        long runTwice = written.values().stream()
                .filter(entries -> entries.stream().map(ResultsLog.Entry::startedAt).distinct().count() > 1)
                .count();
        long conflicting = written.values().stream()
                .filter(entries -> entries.stream().filter(ResultsLog.Entry::terminal)
                        .map(ResultsLog.Entry::status).distinct().count() != 1)
                .count();
        assertThat(written).as("tickets with results on ticket-results").hasSize(TICKETS);
        assertThat(conflicting).as("tickets with no terminal result or more than one kind").isZero();

        report(Map.of("tickets", TICKETS, "kills", kills, "lost", TICKETS - written.size(),
                "duplicatedExecutions", runTwice, "conflictingTerminalStates", conflicting));
    }

    private static void awaitResults(TicketflowSystem system, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
        while (ResultsLog.count(system.bootstrapServers) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the worker made no progress; see " + system.worker.log());
            }
            Thread.sleep(200);
        }
    }

    private static void report(Map<String, Object> figures) throws Exception {
        String json = figures.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> "\"" + entry.getKey() + "\":" + entry.getValue())
                .collect(Collectors.joining(",", "{", "}"));
        System.out.println("[worker-crash] " + json);
        Path reports = Path.of(System.getProperty("ticketflow.e2e.logs", "target/e2e-logs"));
        Files.createDirectories(reports);
        Files.writeString(reports.resolve("worker-crash.json"), json + "\n");
    }
}
