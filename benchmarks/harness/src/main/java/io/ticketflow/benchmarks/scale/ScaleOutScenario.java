package io.ticketflow.benchmarks.scale;

import io.ticketflow.benchmarks.Scenario;
import io.ticketflow.benchmarks.kafka.BenchmarkTopics;
import io.ticketflow.benchmarks.kafka.Drain;
import io.ticketflow.benchmarks.kafka.ResultCollector;
import io.ticketflow.benchmarks.kafka.SampleTickets;
import io.ticketflow.benchmarks.report.Target;
import io.ticketflow.benchmarks.rig.CpuWindow;
import io.ticketflow.benchmarks.rig.Rig;
import io.ticketflow.benchmarks.rig.ScenarioContext;
import io.ticketflow.benchmarks.rig.WorkerWatch;
import io.ticketflow.contract.ConsumerGroups;
import io.ticketflow.contract.Topics;
import io.ticketflow.process.PackagedService;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * S7: N {@code echo} tickets worked off by three worker processes, against the same N by one, on the same broker.
 * The workers start first and the tickets are written once their group has settled (every partition assigned), so
 * that both runs measure working, not joining; a late joiner would otherwise find the work taken. How evenly the work
 * spreads: tickets per worker (the {@code worker} field of each result) and partitions per worker. Two cores do not
 * get faster with three JVMs on them: this measures what coordinating them costs.
 */
public final class ScaleOutScenario implements Scenario {

    private static final int WORKERS = 3;
    private static final Duration STALL = Duration.ofSeconds(90);
    private static final Duration SETTLE = Duration.ofMinutes(2);

    private record Run(Drain drain, double cpuSeconds, Map<String, Integer> byWorker, List<Integer> partitions,
            int rebalances) {

        double cpuMillisPerTicket() {
            return 1_000 * cpuSeconds / drain.tickets();
        }
    }

    @Override
    public void run(ScenarioContext context) throws Exception {
        int tickets = context.options().spreadTickets();
        Run one;
        Run three;
        try (Rig rig = context.openRig()) {
            BenchmarkTopics.create(rig.bootstrapServers(), Topics.TICKETS, Topics.RESULTS);
            one = drain(context, rig, 1, tickets);
            three = drain(context, rig, WORKERS, tickets);
        }
        context.report(context.figure("%d workers, %,d echo tickets".formatted(WORKERS, tickets), "tickets/s",
                        three.drain().ticketsPerSecond())
                .against("one worker, same tickets", one.drain().ticketsPerSecond())
                .targeting(Target.ratioAtLeast(0.8)));
        double evenShare = (double) tickets / WORKERS;
        context.report(context.figure("busiest of %d workers".formatted(WORKERS), "tickets",
                        Collections.max(three.byWorker().values()))
                .against("an even share", evenShare)
                .targeting(Target.ratioAtMost(1.25)));
        context.report(context.figure("most partitions on one of %d workers".formatted(WORKERS), "partitions",
                        three.partitions().isEmpty() ? 0 : three.partitions().getFirst())
                .against("an even share", (double) BenchmarkTopics.PARTITIONS / WORKERS)
                .targeting(Target.ratioAtMost(1)));
        context.report(context.figure("worker CPU per ticket, %d workers together".formatted(WORKERS), "ms",
                        three.cpuMillisPerTicket())
                .against("one worker", one.cpuMillisPerTicket()));
        context.note("on two cores three workers share the same CPU as one: this shows what coordinating them costs "
                + "(three JVMs, three consumers, more fetches and commits), not a speed-up");
    }

    private static Run drain(ScenarioContext context, Rig rig, int count, int tickets) {
        String label = count + (count == 1 ? " worker" : " workers");
        List<PackagedService> workers = rig.startWorkers(count, Map.of());
        try (WorkerWatch watch = WorkerWatch.start(rig.bootstrapServers(), workers, ConsumerGroups.WORKER, Topics.TICKETS,
                BenchmarkTopics.PARTITIONS)) {
            watch.awaitSettled(SETTLE, context.ticker());
            int rebalancesBefore = watch.rebalances();
            CpuWindow cpu = CpuWindow.of(workers.stream().mapToLong(PackagedService::pid).toArray());
            cpu.open();
            context.say("%s: writing %,d echo tickets", label, tickets);
            List<String> ids = SampleTickets.preload(rig.bootstrapServers(), Topics.TICKETS, tickets, SampleTickets::echo,
                    context.ticker());
            Drain drain;
            Map<String, Integer> byWorker;
            try (ResultCollector results = ResultCollector.start(rig.bootstrapServers(), Topics.RESULTS, ids)) {
                // Any one of them dying shows as a stall; the first is the one the collector checks for life.
                drain = results.awaitTerminal(workers.getFirst(), context.ticker(), STALL, 0);
                byWorker = results.terminalByWorker();
            }
            cpu.close();
            workers.forEach(PackagedService::checkAlive);
            double cpuSeconds = 0;
            for (int i = 0; i < count; i++) {
                cpuSeconds += cpu.cpuSeconds(i);
            }
            Run run = new Run(drain, cpuSeconds, byWorker, watch.partitionsPerMember(),
                    watch.rebalances() - rebalancesBefore);
            context.note(String.format(Locale.ROOT, "%s: %,d tickets in %.1f s (%.0f/s); tickets per worker %s; "
                            + "partitions per worker %s; %d rebalances while working; CPU %.1f s (%.3f ms per ticket)",
                    label, drain.tickets(), drain.seconds(), drain.ticketsPerSecond(), byWorker.values(),
                    run.partitions(), run.rebalances(), cpuSeconds, run.cpuMillisPerTicket()));
            return run;
        } finally {
            rig.stop(workers);
        }
    }
}
