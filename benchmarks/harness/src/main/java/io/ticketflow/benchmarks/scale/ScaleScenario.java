package io.ticketflow.benchmarks.scale;

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
import io.ticketflow.benchmarks.rig.WorkerWatch;
import io.ticketflow.contract.ConsumerGroups;
import io.ticketflow.contract.Topics;
import io.ticketflow.process.PackagedService;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * S6, the seed's story at scale: N tickets that each wait D on I/O ({@code delay}), all in flight at once on one
 * worker (max-in-flight N). The bound is N ÷ D. Alongside: the worker's peak resident memory, its consumer group's
 * rebalances and its readiness, sampled every second while it works ({@link WorkerWatch}). No warm-up: the tickets
 * are one wave, and filling the slots is part of what is measured.
 */
public final class ScaleScenario implements Scenario {

    private static final Duration STALL = Duration.ofSeconds(90);
    private static final double MIB = 1024.0 * 1024;

    @Override
    public void run(ScenarioContext context) throws Exception {
        int tickets = context.options().scaleTickets();
        long delayMs = context.options().scaleDelay().toMillis();
        double bound = tickets * 1_000.0 / delayMs;
        try (Rig rig = context.openRig()) {
            String bootstrap = rig.bootstrapServers();
            BenchmarkTopics.create(bootstrap, Topics.TICKETS, Topics.RESULTS);
            context.say("preloading %,d delay tickets of %d ms", tickets, delayMs);
            List<String> ids = SampleTickets.preload(bootstrap, Topics.TICKETS, tickets, i -> SampleTickets.delay(delayMs),
                    context.ticker());
            Drain drain;
            CpuWindow cpu;
            WorkerWatch watch;
            try (ResultCollector results = ResultCollector.start(bootstrap, Topics.RESULTS, ids)) {
                PackagedService worker = rig.startWorker(WorkerSettings.inFlight(tickets));
                cpu = CpuWindow.of(worker.pid());
                cpu.open();
                Measurement measurement = rig.measure(worker, "worker");
                try (WorkerWatch watching = WorkerWatch.start(bootstrap, List.of(worker), ConsumerGroups.WORKER, Topics.TICKETS,
                        BenchmarkTopics.PARTITIONS)) {
                    watch = watching;
                    drain = results.awaitTerminal(worker, context.ticker(), STALL, 0);
                }
                cpu.close();
                rig.finish(measurement);
                rig.stop(worker);
            }
            context.report(context.figure("one worker, %,d × %d ms delay, all in flight".formatted(tickets, delayMs),
                            "tickets/s", drain.ticketsPerSecond())
                    .against("bound tickets ÷ delay", bound)
                    .targeting(Target.ratioAtLeast(0.85)));
            context.report(context.figure("worker peak tickets in flight", "tickets", drain.peakInFlight())
                    .against("tickets (max-in-flight)", tickets));
            context.report(context.figure("worker peak RSS, %,d tickets in flight".formatted(tickets), "MiB",
                            watch.peakRssBytes(0) / MIB)
                    .targeting(Target.atMost(1_024)));
            context.report(context.figure("consumer group rebalances while working", "rebalances", watch.rebalances())
                    .targeting(Target.atMost(0)));
            context.report(context.figure("readiness answers not UP (of %d sampled)".formatted(watch.healthSamples()),
                            "answers", watch.notUp() + watch.unanswered())
                    .targeting(Target.atMost(0)));
            context.report(context.figure("worker CPU per ticket, %d ms delay".formatted(delayMs), "ms",
                    1_000 * cpu.cpuSeconds(0) / tickets));
            context.note(String.format(Locale.ROOT, "%,d tickets in %.1f s (first start → last result); readiness %d "
                            + "samples, %d not UP, %d unanswered within 5 s%s; worker CPU %.1f s over %.1f s",
                    drain.tickets(), drain.seconds(), watch.healthSamples(), watch.notUp(), watch.unanswered(),
                    watch.firstNotUp() == null ? "" : " (first: " + watch.firstNotUp() + ")", cpu.cpuSeconds(0),
                    cpu.seconds()));
        }
    }
}
