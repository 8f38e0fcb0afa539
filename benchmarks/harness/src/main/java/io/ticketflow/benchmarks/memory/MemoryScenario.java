package io.ticketflow.benchmarks.memory;

import io.ticketflow.benchmarks.Scenario;
import io.ticketflow.benchmarks.kafka.BenchmarkTopics;
import io.ticketflow.benchmarks.kafka.RecordWriter;
import io.ticketflow.benchmarks.kafka.ResultCollector;
import io.ticketflow.benchmarks.kafka.SampleTickets;
import io.ticketflow.benchmarks.report.Target;
import io.ticketflow.benchmarks.rig.Pause;
import io.ticketflow.benchmarks.rig.ProcessProbe;
import io.ticketflow.benchmarks.rig.Rig;
import io.ticketflow.benchmarks.rig.ScenarioContext;
import io.ticketflow.benchmarks.rig.WorkerSettings;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.Topics;
import io.ticketflow.process.PackagedService;

import java.time.Duration;
import java.util.List;

/**
 * S5: (a) the producer's heap per ticket held in its status view: a view of V finished tickets (ticket and result
 * records written straight to Kafka) against an empty one, each measured after full GCs once the producer is ready,
 * which it is only when caught up; (b) the worker's resident memory with K delay tickets in flight against the idle
 * worker. Each part on a broker of its own.
 */
public final class MemoryScenario implements Scenario {

    /** Room for a large view: the figure is what it holds, not whether a default heap fits it. */
    private static final String VIEW_HEAP = "4g";
    private static final Duration CATCH_UP = Duration.ofMinutes(15);
    private static final Duration STALL = Duration.ofSeconds(90);
    private static final double MIB = 1024 * 1024;

    @Override
    public void run(ScenarioContext context) throws Exception {
        producerView(context);
        workerInFlight(context);
    }

    private static void producerView(ScenarioContext context) {
        int tickets = context.options().viewTickets();
        try (Rig rig = context.openRig()) {
            BenchmarkTopics.create(rig.bootstrapServers(), Topics.TICKETS, Topics.RESULTS);
            PackagedService empty = rig.startProducer(VIEW_HEAP, CATCH_UP);
            long emptyHeap = ProcessProbe.heapUsedAfterGc(empty.pid());
            rig.stop(empty);

            context.say("preloading %,d finished tickets (a ticket and a SUCCEEDED result each)", tickets);
            try (RecordWriter writer = new RecordWriter(rig.bootstrapServers())) {
                var ticker = context.ticker();
                for (int i = 0; i < tickets; i++) {
                    TicketRecord ticket = SampleTickets.echo(i);
                    writer.send(Topics.TICKETS, ticket.id(), ticket);
                    writer.send(Topics.RESULTS, ticket.id(), SampleTickets.succeeded(ticket));
                    int written = i + 1;
                    ticker.tick(() -> "preloading: %,d / %,d tickets".formatted(written, tickets));
                }
                writer.flush();
            }
            long start = System.nanoTime();
            PackagedService full = rig.startProducer(VIEW_HEAP, CATCH_UP);
            double catchUpSeconds = (System.nanoTime() - start) / 1e9;
            long fullHeap = ProcessProbe.heapUsedAfterGc(full.pid());

            context.report(context.figure("producer heap after GC, %,d tickets in view".formatted(tickets), "MiB",
                            fullHeap / MIB)
                    .against("empty view", emptyHeap / MIB));
            context.report(context.figure("producer heap per ticket in view", "B", (fullHeap - emptyHeap) / (double) tickets)
                    .targeting(Target.atMost(1_024)));
            context.report(context.figure("producer start until caught up, %,d records".formatted(2L * tickets),
                    "records/s", 2.0 * tickets / catchUpSeconds));
        }
    }

    private static void workerInFlight(ScenarioContext context) {
        int tickets = context.options().parkedTickets();
        long delayMs = context.options().parkedDelay().toMillis();
        try (Rig rig = context.openRig()) {
            BenchmarkTopics.create(rig.bootstrapServers(), Topics.TICKETS, Topics.RESULTS);
            PackagedService worker = rig.startWorker(WorkerSettings.inFlight(tickets));
            long idleRss = ProcessProbe.residentBytes(worker.pid());
            long idleHeap = ProcessProbe.heapUsedAfterGc(worker.pid());

            context.say("preloading %,d delay tickets of %d s", tickets, delayMs / 1_000);
            List<String> ids = SampleTickets.preload(rig.bootstrapServers(), Topics.TICKETS, tickets,
                    i -> SampleTickets.delay(delayMs), context.ticker());
            try (ResultCollector results = ResultCollector.start(rig.bootstrapServers(), Topics.RESULTS, ids)) {
                results.awaitStarted(worker, context.ticker(), STALL);
            }
            long busyRss = peakResident(worker);
            long busyHeap = ProcessProbe.heapUsedAfterGc(worker.pid());
            rig.kill(worker);

            context.report(context.figure("worker RSS, %,d tickets in flight".formatted(tickets), "MiB", busyRss / MIB)
                    .against("idle worker", idleRss / MIB)
                    .targeting(Target.atMost(512)));
            context.report(context.figure("worker heap per ticket in flight", "B", (busyHeap - idleHeap) / (double) tickets));
        }
    }

    /** The highest of a few samples over a second: RSS moves with allocation and GC. */
    private static long peakResident(PackagedService process) {
        long peak = 0;
        for (int i = 0; i < 5; i++) {
            peak = Math.max(peak, ProcessProbe.residentBytes(process.pid()));
            Pause.briefly(Duration.ofMillis(200));
        }
        return peak;
    }
}
