package io.ticketflow.benchmarks.concurrency;

import io.ticketflow.benchmarks.Scenario;
import io.ticketflow.benchmarks.kafka.BenchmarkTopics;
import io.ticketflow.benchmarks.kafka.Drain;
import io.ticketflow.benchmarks.kafka.ResultCollector;
import io.ticketflow.benchmarks.kafka.SampleTickets;
import io.ticketflow.benchmarks.report.Target;
import io.ticketflow.benchmarks.rig.CpuWindow;
import io.ticketflow.benchmarks.rig.Measurement;
import io.ticketflow.benchmarks.rig.Rig;
import io.ticketflow.benchmarks.rig.ScenarioContext;
import io.ticketflow.benchmarks.rig.WorkerSettings;
import io.ticketflow.contract.Topics;
import io.ticketflow.process.PackagedService;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * S2: tickets that only wait (delay, 100 ms). The bound is max-in-flight ÷ delay; the worker should come close with
 * all its tickets in flight on the event loop. Baselines: the Quarkus kafka-quickstart processor, ordered
 * {@code @Blocking} with {@code Thread.sleep} (a), and the same with {@code @Blocking(ordered = false)} (b), drained
 * from topics of their own on the same broker. Each drain first works off half as many tickets again as warm-up.
 * The worker's CPU per ticket is taken over its measured part.
 */
public final class IoConcurrencyScenario implements Scenario {

    private static final Duration STALL = Duration.ofSeconds(90);
    /**
     * One partition, as the quickstart's auto-created topic has: the baselines' best case. Spread over six, the
     * connector fed the ordered processor one partition per poll, a second apart, at a few tickets in total.
     */
    private static final int BASELINE_PARTITIONS = 1;

    @Override
    public void run(ScenarioContext context) throws Exception {
        int tickets = context.options().tickets();
        int inFlight = context.options().inFlight();
        int delayMs = context.options().delayMs();
        double bound = inFlight * 1_000.0 / delayMs;
        try (Rig rig = context.openRig()) {
            String bootstrap = rig.bootstrapServers();
            BenchmarkTopics.create(bootstrap, Topics.TICKETS, Topics.RESULTS);
            context.say("preloading %,d + %,d (warm-up) delay tickets of %d ms", tickets, tickets / 2, delayMs);
            List<String> ids = SampleTickets.preload(bootstrap, Topics.TICKETS, tickets + tickets / 2,
                    i -> SampleTickets.delay(delayMs), context.ticker());
            CpuWindow cpu;
            ResultCollector.Measured measured;
            try (ResultCollector results = ResultCollector.start(bootstrap, Topics.RESULTS, ids)) {
                PackagedService process = rig.startWorker(WorkerSettings.inFlight(inFlight));
                cpu = CpuWindow.of(process.pid());
                Measurement measurement = rig.measure(process, "worker");
                measured = results.awaitTerminal(process, context.ticker(), STALL, tickets / 2, cpu);
                rig.finish(measurement);
                rig.stop(process);
            }
            Drain worker = measured.drain();
            context.report(context.figure("worker, %,d × %d ms delay, max-in-flight %,d".formatted(tickets, delayMs, inFlight),
                            "tickets/s", worker.ticketsPerSecond())
                    .against("bound in-flight ÷ delay", bound)
                    .targeting(Target.ratioAtLeast(0.9)));
            context.report(context.figure("worker peak tickets in flight", "tickets", worker.peakInFlight())
                    .against("max-in-flight", inFlight)
                    .targeting(Target.atLeast(1_000)));
            context.reportCpuPerTicket("worker CPU per ticket, %d ms delay, max-in-flight %,d".formatted(delayMs,
                    inFlight), cpu, 0, measured.cpuTickets());

            Drain blocking = baseline(context, rig, "blocking", context.options().blockingTickets(), delayMs);
            context.report(context.figure("worker vs quickstart @Blocking", "tickets/s", worker.ticketsPerSecond())
                    .against("@Blocking + Thread.sleep", blocking.ticketsPerSecond())
                    .targeting(Target.ratioAtLeast(100)));

            Drain unordered = baseline(context, rig, "unordered", context.options().unorderedTickets(), delayMs);
            context.report(context.figure("worker vs @Blocking(ordered = false)", "tickets/s", worker.ticketsPerSecond())
                    .against("@Blocking(ordered=false)", unordered.ticketsPerSecond()));
        }
    }

    private static Drain baseline(ScenarioContext context, Rig rig, String mode, int tickets, int delayMs) {
        String ticketsTopic = mode + "-tickets";
        String resultsTopic = mode + "-results";
        BenchmarkTopics.create(rig.bootstrapServers(), ticketsTopic, resultsTopic, BASELINE_PARTITIONS);
        context.say("baseline %s: preloading %,d + %,d (warm-up) delay tickets of %d ms", mode, tickets, tickets / 2,
                delayMs);
        List<String> ids = SampleTickets.preload(rig.bootstrapServers(), ticketsTopic, tickets + tickets / 2,
                i -> SampleTickets.delay(delayMs), context.ticker());
        try (ResultCollector results = ResultCollector.start(rig.bootstrapServers(), resultsTopic, ids)) {
            PackagedService process = rig.startBaseline(mode, Map.of(
                    "baseline.tickets-topic", ticketsTopic,
                    "baseline.results-topic", resultsTopic));
            Measurement measurement = rig.measure(process, "baseline " + mode);
            Drain drain = results.awaitTerminal(process, context.ticker(), STALL, tickets / 2);
            rig.finish(measurement);
            rig.stop(process);
            context.note("baseline %s: %,d tickets in %.1f s, peak %,d in flight".formatted(
                    mode, drain.tickets(), drain.seconds(), drain.peakInFlight()));
            return drain;
        }
    }
}
