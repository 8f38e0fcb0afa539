package io.ticketflow.benchmarks.drain;

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
import io.ticketflow.contract.Topics;
import io.ticketflow.process.PackagedService;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * S1: echo tickets wait in {@code tickets}; the worker starts and works them off. The first N/2 only warm it up (the
 * JIT compiler takes a good part of two cores for a while after start); throughput is measured over the next N,
 * from the moment the warm-up ones were done to the last terminal result; the worker's CPU per ticket over the same
 * part. Baseline: a plain consume→produce loop over the same records, warmed up and measured the same way. Between
 * the two, the same echo as SmallRye Reactive Messaging processors (the baseline app's {@code echo} and {@code batch}
 * profiles: one record at a time, and {@code batch=true}), reading the same records in groups of their own: what the
 * framework alone costs, the ceiling of any worker built on it.
 */
public final class WorkerDrainScenario implements Scenario {

    static final Duration STALL = Duration.ofSeconds(90);

    @Override
    public void run(ScenarioContext context) throws Exception {
        int tickets = context.options().tickets();
        int warmup = tickets / 2;
        try (Rig rig = context.openRig()) {
            String bootstrap = rig.bootstrapServers();
            BenchmarkTopics.create(bootstrap, Topics.TICKETS, Topics.RESULTS);
            context.say("preloading %,d + %,d (warm-up) echo tickets", tickets, warmup);
            List<String> ids = SampleTickets.preload(bootstrap, Topics.TICKETS, warmup + tickets, SampleTickets::echo,
                    context.ticker());

            context.say("baseline: plain consume→produce loop over the same records");
            Measurement loop = rig.measureHarness("consume-produce loop (in the harness)");
            Drain baseline = ConsumeProduceLoop.run(bootstrap, Topics.TICKETS, "baseline-results", warmup, tickets,
                    context.ticker(), STALL);
            rig.finish(loop);
            context.note("the consume→produce loop runs in the harness JVM, beside its load and collectors: no CPU per "
                    + "ticket of its own is taken");

            Drain perRecord = framework(context, rig, "echo", "SmallRye echo processor, one record at a time", ids, warmup, baseline);
            Drain batch = framework(context, rig, "batch", "SmallRye echo processor, batch=true", ids, warmup, baseline);

            try (ResultCollector results = ResultCollector.start(bootstrap, Topics.RESULTS, ids)) {
                PackagedService worker = rig.startWorker(Map.of());
                CpuWindow cpu = CpuWindow.of(worker.pid());
                Measurement measurement = rig.measure(worker, "worker");
                ResultCollector.Measured drained = results.awaitTerminal(worker, context.ticker(), STALL, warmup, cpu);
                rig.finish(measurement);
                context.report(context.figure("worker drain, %,d echo tickets".formatted(tickets), "tickets/s",
                                drained.drain().ticketsPerSecond())
                        .against("consume→produce loop", baseline.ticketsPerSecond())
                        .targeting(Target.ratioAtLeast(0.6)));
                context.report(context.figure("worker vs SmallRye echo processor", "tickets/s",
                                drained.drain().ticketsPerSecond())
                        .against("SmallRye, one record at a time", perRecord.ticketsPerSecond()));
                context.report(context.figure("worker vs SmallRye echo processor, batch=true", "tickets/s",
                                drained.drain().ticketsPerSecond())
                        .against("SmallRye, batch=true", batch.ticketsPerSecond()));
                context.reportCpuPerTicket("worker CPU per ticket, echo drain of %,d tickets".formatted(tickets), cpu, 0,
                        drained.cpuTickets());
            }
        }
    }

    /**
     * One of the baseline app's echo processors over the tickets already in {@code tickets}, warmed up and measured
     * as the worker is, its results in a topic of its own; reported against the loop, with its CPU per ticket.
     */
    private static Drain framework(ScenarioContext context, Rig rig, String mode, String name, List<String> ids,
            int warmup, Drain loop) {
        String resultsTopic = mode + "-results";
        BenchmarkTopics.create(rig.bootstrapServers(), Topics.TICKETS, resultsTopic);
        context.say("baseline: %s, over the same records", name);
        try (ResultCollector results = ResultCollector.start(rig.bootstrapServers(), resultsTopic, ids)) {
            PackagedService process = rig.startBaseline(mode, Map.of(
                    "baseline.tickets-topic", Topics.TICKETS,
                    "baseline.results-topic", resultsTopic));
            CpuWindow cpu = CpuWindow.of(process.pid());
            Measurement measurement = rig.measure(process, "baseline " + mode);
            ResultCollector.Measured drained = results.awaitTerminal(process, context.ticker(), STALL, warmup, cpu);
            rig.finish(measurement);
            rig.stop(process);
            context.report(context.figure(name, "tickets/s", drained.drain().ticketsPerSecond())
                    .against("consume→produce loop", loop.ticketsPerSecond()));
            context.reportCpuPerTicket(name + ", CPU per ticket", cpu, 0, drained.cpuTickets());
            return drained.drain();
        }
    }
}
