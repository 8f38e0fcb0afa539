package io.ticketflow.benchmarks.submit;

import io.ticketflow.benchmarks.Scenario;
import io.ticketflow.benchmarks.kafka.BenchmarkTopics;
import io.ticketflow.benchmarks.load.Latencies;
import io.ticketflow.benchmarks.report.Figure;
import io.ticketflow.benchmarks.report.Target;
import io.ticketflow.benchmarks.rig.CpuWindow;
import io.ticketflow.benchmarks.rig.Measurement;
import io.ticketflow.benchmarks.rig.Rig;
import io.ticketflow.benchmarks.rig.ScenarioContext;
import io.ticketflow.contract.Topics;
import io.ticketflow.process.PackagedService;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * S3: closed-loop {@code POST /tickets} at C connections; every 202 of the producer means the broker acknowledged
 * the ticket with acks=all. Baseline: the baseline app's trivial endpoint (same JSON in, 202 out, no Kafka), run
 * the same way on the same machine just before. The producer's CPU per accepted ticket is taken over the measured
 * window only. With {@code --before-producer-jar}, another producer build (the "before") is run the same way on a
 * broker of its own, in the same run.
 */
public final class RestSubmitScenario implements Scenario {

    private static final String BODY = "{\"type\":\"echo\",\"payload\":{\"n\":1,\"text\":\"benchmark\"}}";
    private static final Duration READY = Duration.ofMinutes(2);
    private static final double TOLERATED_ERRORS = 0.01;

    /** One producer build under the closed loop, and the CPU it used over the measured window. */
    private record Submitted(ClosedLoop.Outcome outcome, double cpuSeconds) {

        double cpuMillisPerTicket() {
            return 1_000 * cpuSeconds / Math.max(1, outcome.accepted());
        }
    }

    @Override
    public void run(ScenarioContext context) throws Exception {
        int connections = context.options().connections();
        Path beforeJar = context.options().beforeProducerJar();
        String label = context.options().beforeLabel();
        ClosedLoop.Outcome baseline;
        Submitted current;
        Submitted before = null;
        try (Rig rig = context.openRig()) {
            BenchmarkTopics.create(rig.bootstrapServers(), Topics.TICKETS, Topics.RESULTS);
            baseline = load(context, rig, rig.startBaseline(null, Map.of()), "baseline app", null);
            current = submit(context, rig, context.options().producerJar(), "producer");
        }
        if (beforeJar != null) {
            try (Rig rig = context.openRig()) {
                BenchmarkTopics.create(rig.bootstrapServers(), Topics.TICKETS, Topics.RESULTS);
                before = submit(context, rig, beforeJar, "producer [" + label + "]");
            }
        }

        String name = "POST /tickets, %d connections".formatted(connections);
        report(context, context.figure(name, "req/s", current.outcome().requestsPerSecond())
                .against("trivial endpoint", baseline.requestsPerSecond())
                .targeting(Target.ratioAtLeast(0.5)), before, label, before == null ? 0 : before.outcome().requestsPerSecond());
        for (double percentile : new double[] {50, 99}) {
            String latency = "POST /tickets p%.0f latency".formatted(percentile);
            double baselineMs = Latencies.percentileMillis(baseline.latencies(), percentile);
            report(context, context.figure(latency, "ms", Latencies.percentileMillis(current.outcome().latencies(), percentile))
                    .against("trivial endpoint", baselineMs), before, label,
                    before == null ? 0 : Latencies.percentileMillis(before.outcome().latencies(), percentile));
        }
        Figure cpu = context.figure("producer CPU per ticket, POST /tickets at %d connections".formatted(connections),
                "ms", current.cpuMillisPerTicket());
        context.report(before == null ? cpu : cpu.against(label + " build", before.cpuMillisPerTicket()));

        check(current, "producer");
        if (before != null) {
            check(before, "producer [" + label + "]");
        }
    }

    /** The figure of the build under test, then (with a before build) the same figure of the before build. */
    private static void report(ScenarioContext context, Figure figure, Submitted before, String label, double beforeValue) {
        context.report(figure);
        if (before != null) {
            Figure same = context.figure(figure.name() + " [" + label + "]", figure.unit(), beforeValue);
            context.report(figure.baseline() == null ? same : same.against(figure.baselineName(), figure.baseline()));
        }
    }

    private static void check(Submitted submitted, String label) {
        ClosedLoop.Outcome outcome = submitted.outcome();
        if (outcome.errors() > TOLERATED_ERRORS * (outcome.accepted() + outcome.errors())) {
            throw new IllegalStateException("%s: %,d of %,d submissions were not accepted, e.g. %s".formatted(label,
                    outcome.errors(), outcome.accepted() + outcome.errors(), outcome.firstError()));
        }
    }

    private static Submitted submit(ScenarioContext context, Rig rig, Path jar, String label) throws InterruptedException {
        PackagedService producer = rig.startProducer(jar, Rig.fileName(label), Rig.SERVICE_HEAP, READY);
        CpuWindow window = CpuWindow.of(producer.pid());
        ClosedLoop.Outcome outcome = load(context, rig, producer, label, window);
        Submitted submitted = new Submitted(outcome, window.cpuSeconds(0));
        context.note(String.format(Locale.ROOT, "%s: %.2f s of CPU over the %.1f s measured window, %,d tickets "
                        + "accepted: %.3f ms CPU per ticket (%.2f cores)", label, submitted.cpuSeconds(), window.seconds(),
                outcome.accepted(), submitted.cpuMillisPerTicket(), submitted.cpuSeconds() / window.seconds()));
        return submitted;
    }

    /** @param window opened and closed with the measured window, or {@code null} */
    private static ClosedLoop.Outcome load(ScenarioContext context, Rig rig, PackagedService app, String label,
            CpuWindow window) throws InterruptedException {
        context.say("%s: %d connections, %d s warm-up, %d s measured", label, context.options().connections(),
                context.options().warmup().toSeconds(), context.options().duration().toSeconds());
        Measurement measurement = rig.measure(app, label);
        ClosedLoop.Outcome outcome = ClosedLoop.run(app.uri("/tickets"), BODY, context.options().connections(),
                context.options().warmup(), context.options().duration(), context.ticker(),
                window == null ? () -> { } : window::open, window == null ? () -> { } : window::close);
        rig.finish(measurement);
        rig.stop(app);
        return outcome;
    }
}
