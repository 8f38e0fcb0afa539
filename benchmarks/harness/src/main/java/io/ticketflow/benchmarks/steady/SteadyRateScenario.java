package io.ticketflow.benchmarks.steady;

import io.ticketflow.benchmarks.Scenario;
import io.ticketflow.benchmarks.kafka.BenchmarkTopics;
import io.ticketflow.benchmarks.kafka.RecordWriter;
import io.ticketflow.benchmarks.kafka.ResultCollector;
import io.ticketflow.benchmarks.kafka.SampleTickets;
import io.ticketflow.benchmarks.report.Target;
import io.ticketflow.benchmarks.rig.CpuWindow;
import io.ticketflow.benchmarks.rig.Measurement;
import io.ticketflow.benchmarks.rig.Pause;
import io.ticketflow.benchmarks.rig.Rig;
import io.ticketflow.benchmarks.rig.ScenarioContext;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.Topics;
import io.ticketflow.process.PackagedService;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * S9: the worker's CPU per ticket at a moderate, steady rate ({@code --rate}, 500/s), with no producer service to
 * share the machine with: echo tickets are written straight to {@code tickets} at that pace for {@code --warmup}, then
 * for {@code --duration}, measured. Baseline: the SmallRye echo processor of S1 (one record at a time) under the same
 * pace, what the framework alone costs at that rate. After the load, the warmed-up worker's CPU while idle: what it
 * costs with nothing to do, which a moderate rate pays on top of each ticket's own cost; then its pickup of the first
 * ticket after a quiet spell.
 */
public final class SteadyRateScenario implements Scenario {

    private static final Duration STALL = Duration.ofSeconds(90);
    private static final int PICKUP_SPELLS = 3;
    private static final String BASELINE_TICKETS = "steady-tickets";
    private static final String BASELINE_RESULTS = "steady-results";

    @Override
    public void run(ScenarioContext context) throws Exception {
        int rate = context.options().rate();
        int warmup = Math.toIntExact(rate * context.options().warmup().toSeconds());
        int measured = Math.toIntExact(rate * context.options().duration().toSeconds());
        try (Rig rig = context.openRig()) {
            String bootstrap = rig.bootstrapServers();
            BenchmarkTopics.create(bootstrap, Topics.TICKETS, Topics.RESULTS);
            BenchmarkTopics.create(bootstrap, BASELINE_TICKETS, BASELINE_RESULTS);

            PackagedService framework = rig.startBaseline("echo", Map.of(
                    "baseline.tickets-topic", BASELINE_TICKETS,
                    "baseline.results-topic", BASELINE_RESULTS));
            double frameworkMs = paced(context, rig, framework, "SmallRye echo processor", BASELINE_TICKETS,
                    BASELINE_RESULTS, rate, warmup, measured);
            rig.stop(framework);

            PackagedService worker = rig.startWorker(Map.of());
            double workerMs = paced(context, rig, worker, "worker", Topics.TICKETS, Topics.RESULTS, rate, warmup,
                    measured);
            context.report(context.figure("worker CPU per ticket, echo at %,d/s straight to Kafka".formatted(rate),
                            "ms", workerMs)
                    .against("SmallRye echo processor at that rate", frameworkMs)
                    .targeting(Target.atMost(0.3)));

            Duration idleFor = Duration.ofSeconds(context.options().smoke() ? 2 : 10);
            CpuWindow idle = CpuWindow.of(worker.pid());
            idle.open();
            context.say("worker idle for %d s", idleFor.toSeconds());
            Thread.sleep(idleFor.toMillis()); // the idle period is what is measured, not a wait for something
            idle.close();
            context.report(context.figure("worker CPU while idle, after the load", "cores",
                    idle.cpuSeconds(0) / idle.seconds()));
            pickups(context, rig, worker);
        }
    }

    /**
     * The first ticket after a quiet spell (30 s; 2 s at smoke size), a few times: from its being written to
     * {@code tickets} (its submittedAt, set just before) to its handler's start. The writer and the result reader are
     * opened first, so that neither's start-up is in the figure; REST's share is IdlePickupIT's.
     */
    private static void pickups(ScenarioContext context, Rig rig, PackagedService worker) throws InterruptedException {
        Duration quiet = Duration.ofSeconds(context.options().smoke() ? 2 : 30);
        List<String> ids = IntStream.range(0, PICKUP_SPELLS).mapToObj(i -> UUID.randomUUID().toString()).toList();
        List<Long> pickupMs = new ArrayList<>();
        try (ResultCollector results = ResultCollector.start(rig.bootstrapServers(), Topics.RESULTS, ids);
                RecordWriter writer = new RecordWriter(rig.bootstrapServers())) {
            for (String id : ids) {
                context.say("quiet for %d s, then one ticket", quiet.toSeconds());
                Thread.sleep(quiet.toMillis()); // the quiet spell is what is measured, not a wait for something
                TicketRecord ticket = SampleTickets.echo(id, 0);
                writer.send(Topics.TICKETS, id, ticket);
                writer.flush();
                long deadline = System.nanoTime() + STALL.toNanos();
                while (results.startedAtMicros(id) < 0) {
                    worker.checkAlive();
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Lost ticket: " + id + " never started within " + STALL);
                    }
                    Pause.briefly(Duration.ofMillis(5));
                }
                long submitted = ChronoUnit.MICROS.between(Instant.EPOCH, ticket.submittedAt());
                pickupMs.add((results.startedAtMicros(id) - submitted) / 1_000);
            }
        }
        List<Long> sorted = pickupMs.stream().sorted().toList();
        context.note("pickups after %d s quiet, written → started: %s ms".formatted(quiet.toSeconds(), pickupMs));
        context.report(context.figure("pickup after %d s quiet, written to Kafka → started, median".formatted(
                quiet.toSeconds()), "ms", sorted.get(sorted.size() / 2)).targeting(Target.atMost(10)));
        context.report(context.figure("pickup after %d s quiet, written to Kafka → started, max".formatted(
                quiet.toSeconds()), "ms", sorted.getLast()).targeting(Target.atMost(100)));
    }

    /** Writes warm-up then measured tickets at {@code rate}, waits for their results; the CPU per measured ticket. */
    private static double paced(ScenarioContext context, Rig rig, PackagedService process, String name, String topic,
            String resultsTopic, int rate, int warmup, int measured) throws InterruptedException {
        List<TicketRecord> tickets = IntStream.range(0, warmup + measured).mapToObj(SampleTickets::echo).toList();
        List<String> ids = tickets.stream().map(TicketRecord::id).toList();
        try (ResultCollector results = ResultCollector.start(rig.bootstrapServers(), resultsTopic, ids);
                PacedWriter writer = PacedWriter.start(rig.bootstrapServers(), topic, tickets, rate)) {
            context.say("%s: %,d + %,d (warm-up) echo tickets at %,d/s", name, measured, warmup, rate);
            CpuWindow cpu = CpuWindow.of(process.pid());
            Measurement measurement = rig.measure(process, name);
            ResultCollector.Measured drained = results.awaitTerminal(process, context.ticker(), STALL, warmup, cpu);
            rig.finish(measurement);
            writer.awaitSent();
            double ms = 1_000 * cpu.cpuSeconds(0) / Math.max(1, drained.cpuTickets());
            context.note("%s at %,d/s: %.2f s of CPU over %.1f s for %,d tickets (%.2f cores); %,.0f tickets/s done"
                    .formatted(name, rate, cpu.cpuSeconds(0), cpu.seconds(), drained.cpuTickets(),
                            cpu.cpuSeconds(0) / cpu.seconds(), drained.drain().ticketsPerSecond()));
            return ms;
        }
    }
}
