package io.ticketflow.benchmarks.memory;

import io.ticketflow.benchmarks.Scenario;
import io.ticketflow.benchmarks.kafka.BenchmarkTopics;
import io.ticketflow.benchmarks.kafka.ResultCollector;
import io.ticketflow.benchmarks.kafka.SampleTickets;
import io.ticketflow.benchmarks.report.Target;
import io.ticketflow.benchmarks.rig.Pause;
import io.ticketflow.benchmarks.rig.ProcessProbe;
import io.ticketflow.benchmarks.rig.Rig;
import io.ticketflow.benchmarks.rig.ScenarioContext;
import io.ticketflow.benchmarks.rig.WorkerSettings;
import io.ticketflow.contract.Topics;
import io.ticketflow.process.PackagedService;

import java.time.Duration;
import java.util.List;

/**
 * S5: (a) the producer's ticket state ({@link ProducerState}): heap after full GCs and disk per ticket with 0, 1 M and
 * 5 M tickets held, the state machine's throughput, and how long a restart and a rebuild from empty take; (b) the
 * worker's resident memory with K delay tickets in flight against the idle worker. Each part on a broker of its own.
 */
public final class MemoryScenario implements Scenario {

    private static final Duration STALL = Duration.ofSeconds(90);
    private static final double MIB = 1024 * 1024;

    @Override
    public void run(ScenarioContext context) throws Exception {
        ProducerState.run(context);
        workerInFlight(context);
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
