package io.ticketflow.benchmarks.priority;

import io.ticketflow.benchmarks.Scenario;
import io.ticketflow.benchmarks.kafka.BenchmarkTopics;
import io.ticketflow.benchmarks.kafka.RecordWriter;
import io.ticketflow.benchmarks.load.Http;
import io.ticketflow.benchmarks.report.Target;
import io.ticketflow.benchmarks.rig.CpuWindow;
import io.ticketflow.benchmarks.rig.Rig;
import io.ticketflow.benchmarks.rig.ScenarioContext;
import io.ticketflow.client.SubmitRequest;
import io.ticketflow.client.TicketStatus;
import io.ticketflow.client.TicketView;
import io.ticketflow.client.TicketflowClient;
import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.Topics;
import io.ticketflow.process.PackagedService;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * S8: a worker saturated by a backlog of B normal tickets (each a {@code delay} long enough that the backlog takes
 * minutes), then, one per second, P high tickets submitted through REST, and one normal ticket the same way: how long
 * after its {@code submittedAt} each one started. Target: a high ticket starts within 1 s. The normal probe shows
 * what the backlog would have cost without priorities. Each service's CPU per ticket is taken from the worker's start
 * (once ready) to the last probe finished, over the tickets that finished in between.
 */
public final class PriorityScenario implements Scenario {

    private static final Duration READY = Duration.ofMinutes(2);
    /** The worker's slots are all busy for BACKLOG × DELAY ÷ max-in-flight: minutes at the default sizes. */
    private static final int DELAY_MS = 2_000;
    private static final Duration PROBE_WAIT = Duration.ofMinutes(10);

    @Override
    public void run(ScenarioContext context) throws Exception {
        int backlog = context.options().backlog();
        int probes = context.options().smoke() ? 2 : 5;
        try (Rig rig = context.openRig()) {
            BenchmarkTopics.create(rig.bootstrapServers(), Topics.TICKETS, Topics.RESULTS);
            PackagedService producer = rig.startProducer(Rig.SERVICE_HEAP, READY);
            context.say("preloading %,d normal delay tickets of %d ms", backlog, DELAY_MS);
            try (RecordWriter writer = new RecordWriter(rig.bootstrapServers())) {
                Instant now = Instant.now();
                for (int i = 0; i < backlog; i++) {
                    String id = "backlog-" + i;
                    writer.send(Topics.TICKETS, id, TicketRecord.submitted(id, "delay",
                            TicketJson.mapper().createObjectNode().put("ms", DELAY_MS), now, 60_000L, 1, null));
                }
                writer.flush();
            }
            PackagedService worker = rig.startWorker(Map.of());
            TicketflowClient tickets = Http.client(producer.uri(""));
            CpuWindow cpu = CpuWindow.of(producer.pid(), worker.pid());
            long finishedBefore = succeeded(tickets);
            cpu.open();
            // Saturated: every slot taken by the backlog, which the worker has fetched by now.
            LockSupport.parkNanos(Duration.ofSeconds(5).toNanos());
            context.say("%d high tickets through REST, one per second, with the backlog in front of them", probes);
            List<String> high = new ArrayList<>();
            for (int i = 0; i < probes; i++) {
                high.add(submit(tickets, "high"));
                LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            }
            String normal = submit(tickets, "normal");
            List<Double> highMs = new ArrayList<>();
            for (String id : high) {
                highMs.add(startedAfterMs(tickets, id, context));
            }
            double normalMs = startedAfterMs(tickets, normal, context);
            cpu.close();
            long finished = succeeded(tickets) - finishedBefore;
            double worst = highMs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            context.report(context.figure("high ticket submitted → started, worst of %d, behind %,d normal tickets"
                            .formatted(probes, backlog), "ms", worst)
                    .against("a normal ticket submitted just after them", normalMs)
                    .targeting(Target.atMost(1_000)));
            context.note("S8: high tickets started %s ms after submission; the normal one %.0f ms".formatted(
                    highMs.stream().map(ms -> Long.toString(Math.round(ms))).toList(), normalMs));
            String run = "backlog of %,d × %d ms delay and the probes".formatted(backlog, DELAY_MS);
            context.reportCpuPerTicket("worker CPU per ticket, " + run, cpu, 1, finished);
            context.reportCpuPerTicket("producer CPU per ticket, " + run + " (state machine and view included)", cpu, 0,
                    finished);
            tickets.close();
            rig.stop(worker);
            rig.stop(producer);
        }
    }

    private static String submit(TicketflowClient tickets, String priority) {
        SubmitRequest request = SubmitRequest.of("echo", TicketJson.mapper().createObjectNode()
                .put("probe", UUID.randomUUID().toString())).withPriority(priority);
        return tickets.submit(request).toCompletableFuture().join().id();
    }

    private static long succeeded(TicketflowClient tickets) {
        return Http.succeeded(tickets.stats().toCompletableFuture().join());
    }

    /** Long-polls the ticket until it is terminal, then returns startedAt − submittedAt in ms. */
    private static double startedAfterMs(TicketflowClient tickets, String id, ScenarioContext context) {
        long deadline = System.nanoTime() + PROBE_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            TicketView view = tickets.get(id, Duration.ofSeconds(30)).toCompletableFuture().join();
            if (view.status() == TicketStatus.SUCCEEDED) {
                return Duration.between(view.submittedAt(), view.startedAt()).toNanos() / 1e6;
            }
            if (view.isTerminal()) {
                throw new IllegalStateException("Probe " + id + " ended " + view.status());
            }
            context.ticker().tick(() -> "waiting for " + id + " (" + view.status() + ")");
        }
        throw new IllegalStateException("Probe " + id + " did not finish within " + PROBE_WAIT);
    }
}
