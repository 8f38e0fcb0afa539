package io.ticketflow.e2e;

import io.ticketflow.process.PackagedService;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker is killed with SIGKILL three times while it works through a large batch, and restarted each time.
 * Every ticket must still reach exactly one terminal state; executions repeated after a kill are counted. The same
 * run is made first with the connector's plain {@code throttled} commit every second (how the worker committed
 * before), then with the worker's own configuration, which also commits the tickets finished beyond the committed
 * offset (FinishedOffsetsCommit): the duplicates per kill of the second must stay within what was in flight plus
 * 0.1 s of throughput.
 */
class WorkerCrashIT {

    private static final int TICKETS = Integer.getInteger("ticketflow.e2e.crash.tickets", 20_000);
    private static final int KILLS = 3;
    /** The worker's default ticketflow.worker.max-in-flight. */
    private static final int MAX_IN_FLIGHT = 256;
    private static final Duration PATIENCE = Duration.ofMinutes(10);

    @Test
    void killingTheWorkerMidRunLosesNoTicketAndRerunsLittle() {
        TicketflowSystem system = TicketflowSystem.get();
        system.worker.stop();
        Map<String, Object> figures = new LinkedHashMap<>();
        PackagedService before = PackagedService.launch("worker-throttled", Instances.jar("worker"),
                PackagedService.freePort(), Instances.JVM_OPTIONS, Map.of(
                        "kafka.bootstrap.servers", system.bootstrapServers,
                        "mp.messaging.incoming.tickets.commit-strategy", "throttled",
                        "mp.messaging.incoming.tickets.auto.commit.interval.ms", "1000"),
                Instances.logs().resolve("worker-throttled.log"));
        try {
            before.awaitReady(Duration.ofSeconds(90), waited -> { });
            figures.put("throttledCommitEverySecond", crashRun(system, before));
        } finally {
            before.stop();
        }
        TicketflowSystem.restart(system.worker);
        Run after = crashRun(system, system.worker);
        figures.put("finishedOffsetsCommit", after);
        Figures.report("worker-crash", figures);

        assertThat(after.duplicatedExecutionsPerKill())
                .as("duplicated executions per kill, at most max-in-flight + 0.1 s of throughput")
                .isLessThanOrEqualTo(after.bound());
    }

    /** Submits {@link #TICKETS}, kills and restarts {@code worker} at about 20, 40 and 60 % of the way. */
    private static Run crashRun(TicketflowSystem system, PackagedService worker) {
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

        long started = System.nanoTime();
        double throughput = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            // Each ticket writes at least one result (RUNNING only when it outlasts running-after).
            long atLeast = before + (long) kill * TICKETS / (KILLS + 2);
            await("results before kill " + kill + " (see " + worker.log() + ")").atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> ResultsLog.count(system.bootstrapServers) >= atLeast);
            if (kill == 1) {
                throughput = (atLeast - before) / ((System.nanoTime() - started) / 1e9);
            }
            worker.kill();
            TicketflowSystem.restart(worker);
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
        return new Run(TICKETS, KILLS, TICKETS - written.size(), runTwice, conflicting, Math.round(throughput));
    }

    /** @param resultsPerSecond results written per second before the first kill */
    record Run(int tickets, int kills, long lost, long duplicatedExecutions, long conflictingTerminalStates,
            long resultsPerSecond) {

        public long duplicatedExecutionsPerKill() {
            return Math.ceilDiv(duplicatedExecutions, kills);
        }

        public long bound() {
            return MAX_IN_FLIGHT + resultsPerSecond / 10;
        }
    }
}
