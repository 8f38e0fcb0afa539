package io.ticketflow.benchmarks.latency;

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
 * S4: echo tickets at a fixed rate through both services, submit → terminal seen by long-poll. Baseline: Kafka's
 * EndToEndLatency tool on the same broker, run first while nothing else runs. Each service's CPU per ticket is taken
 * over the measured phase only (from the first measured ticket due to the last one terminal). With
 * {@code --before-producer-jar}, the same with another producer build (the "before") and the same worker, on a
 * broker of its own, in the same run.
 */
public final class EndToEndLatencyScenario implements Scenario {

    private static final Duration READY = Duration.ofMinutes(2);
    private static final Duration STALL = Duration.ofSeconds(90);
    private static final double[] PERCENTILES = {50, 99, 99.9};

    /** One producer build through the open loop, and what the services' CPU was over the measured phase. */
    private record Run(OpenLoop.Outcome outcome, double producerCpuSeconds, double workerCpuSeconds) {

        double producerMillisPerTicket() {
            return 1_000 * producerCpuSeconds / Math.max(1, outcome.measured());
        }

        double workerMillisPerTicket() {
            return 1_000 * workerCpuSeconds / Math.max(1, outcome.measured());
        }
    }

    @Override
    public void run(ScenarioContext context) throws Exception {
        int rate = context.options().rate();
        Path beforeJar = context.options().beforeProducerJar();
        String label = context.options().beforeLabel();
        KafkaLatencyTool.Result kafka;
        Run current;
        Run before = null;
        try (Rig rig = context.openRig()) {
            context.say("baseline: Kafka's EndToEndLatency, %,d messages, acks=all", context.options().kafkaLatencyRuns());
            kafka = KafkaLatencyTool.run(rig.bootstrapServers(),
                    context.options().kafkaLatencyRuns(), context.options().outputDir().resolve("S4-kafka-e2e-latency.log"));
            context.note(String.format(Locale.ROOT, "Kafka EndToEndLatency on this broker: average %.2f ms, p50 %.0f ms, "
                    + "p99 %.0f ms, p99.9 %.0f ms", kafka.averageMs(), kafka.p50Ms(), kafka.p99Ms(), kafka.p999Ms()));
            current = endToEnd(context, rig, context.options().producerJar(), "producer", "worker");
        }
        if (beforeJar != null) {
            try (Rig rig = context.openRig()) {
                before = endToEnd(context, rig, beforeJar, "producer [" + label + "]", "worker [with " + label + " producer]");
            }
        }

        for (double percentile : PERCENTILES) {
            String name = "p" + (percentile == Math.rint(percentile) ? Long.toString((long) percentile) : Double.toString(percentile));
            Figure figure = figure(context, name, Latencies.percentileMillis(current.outcome().latencies(), percentile),
                    kafka, percentile).targeting(percentile == 99 ? Target.ratioAtMost(4) : null);
            context.report(figure);
            if (before != null) {
                context.report(context.figure(figure.name() + " [" + label + "]", "ms",
                                Latencies.percentileMillis(before.outcome().latencies(), percentile))
                        .against(figure.baselineName(), figure.baseline()));
            }
        }
        Figure producerCpu = context.figure("producer CPU per ticket, echo at %d/s (state machine included)".formatted(rate),
                "ms", current.producerMillisPerTicket()).targeting(Target.atMost(0.3));
        context.report(before == null ? producerCpu : producerCpu.against(label + " build", before.producerMillisPerTicket()));
        Figure workerCpu = context.figure("worker CPU per ticket, echo at %d/s".formatted(rate), "ms",
                current.workerMillisPerTicket());
        context.report(before == null ? workerCpu
                : workerCpu.against("with the " + label + " producer", before.workerMillisPerTicket()));

        check(current, "producer");
        if (before != null) {
            check(before, "producer [" + label + "]");
        }
    }

    private static Run endToEnd(ScenarioContext context, Rig rig, Path producerJar, String producerLabel,
            String workerLabel) throws InterruptedException {
        int rate = context.options().rate();
        BenchmarkTopics.create(rig.bootstrapServers(), Topics.TICKETS, Topics.RESULTS);
        PackagedService worker = rig.startWorker(Map.of());
        PackagedService producer = rig.startProducer(producerJar, Rig.fileName(producerLabel), Rig.SERVICE_HEAP, READY);
        context.say("%s: %d tickets/s for %d s warm-up, until it is all finished, then %d s measured", producerLabel, rate,
                context.options().warmup().toSeconds(), context.options().duration().toSeconds());
        Measurement workerUse = rig.measure(worker, workerLabel);
        Measurement producerUse = rig.measure(producer, producerLabel);
        CpuWindow window = CpuWindow.of(producer.pid(), worker.pid());
        OpenLoop.Outcome outcome = OpenLoop.run(producer.uri(""), rate, context.options().warmup(),
                context.options().duration(), context.ticker(), STALL, window::open, window::close);
        rig.finish(workerUse);
        rig.finish(producerUse);
        Run run = new Run(outcome, window.cpuSeconds(0), window.cpuSeconds(1));

        context.note(("%s: %,d tickets measured at %d/s; they finished at %.0f/s. Of their latency, submitting (due → 202) "
                + "took p50 %.1f ms, p99 %.1f ms, of which the harness' sender lagged p99 %.1f ms")
                .formatted(producerLabel, outcome.measured(), rate, outcome.finishedRate(),
                        Latencies.percentileMillis(outcome.acceptances(), 50),
                        Latencies.percentileMillis(outcome.acceptances(), 99),
                        Latencies.percentileMillis(outcome.senderLag(), 99)));
        context.note(String.format(Locale.ROOT, "%s: CPU over the %.1f s measured phase: producer %.2f s (%.3f ms per ticket, "
                        + "%.2f cores), worker %.2f s (%.3f ms per ticket, %.2f cores)", producerLabel, window.seconds(),
                run.producerCpuSeconds(), run.producerMillisPerTicket(), run.producerCpuSeconds() / window.seconds(),
                run.workerCpuSeconds(), run.workerMillisPerTicket(), run.workerCpuSeconds() / window.seconds()));
        return run;
    }

    private static Figure figure(ScenarioContext context, String percentile, double value, KafkaLatencyTool.Result kafka,
            double p) {
        double baseline = p == 50 ? kafka.p50Ms() : p == 99 ? kafka.p99Ms() : kafka.p999Ms();
        return context.figure("submit → terminal %s, echo at %d/s".formatted(percentile, context.options().rate()), "ms", value)
                .against("Kafka EndToEndLatency " + percentile, baseline);
    }

    private static void check(Run run, String label) {
        if (run.outcome().errors() > 0) {
            throw new IllegalStateException("%s: %,d tickets failed to go through, e.g. %s".formatted(label,
                    run.outcome().errors(), run.outcome().firstError()));
        }
    }
}
