package io.ticketflow.benchmarks.latency;

import io.ticketflow.benchmarks.Scenario;
import io.ticketflow.benchmarks.kafka.BenchmarkTopics;
import io.ticketflow.benchmarks.load.Latencies;
import io.ticketflow.benchmarks.report.Target;
import io.ticketflow.benchmarks.rig.Measurement;
import io.ticketflow.benchmarks.rig.Rig;
import io.ticketflow.benchmarks.rig.ScenarioContext;
import io.ticketflow.contract.Topics;
import io.ticketflow.process.PackagedService;

import java.time.Duration;
import java.util.Map;

/**
 * S4: echo tickets at a fixed rate through both services, submit → terminal seen by long-poll. Baseline: Kafka's
 * EndToEndLatency tool on the same broker, run first while nothing else runs.
 */
public final class EndToEndLatencyScenario implements Scenario {

    private static final Duration READY = Duration.ofMinutes(2);
    private static final Duration STALL = Duration.ofSeconds(90);

    @Override
    public void run(ScenarioContext context) throws Exception {
        int rate = context.options().rate();
        try (Rig rig = context.openRig()) {
            context.say("baseline: Kafka's EndToEndLatency, %,d messages, acks=all", context.options().kafkaLatencyRuns());
            KafkaLatencyTool.Result kafka = KafkaLatencyTool.run(rig.bootstrapServers(),
                    context.options().kafkaLatencyRuns(), context.options().outputDir().resolve("S4-kafka-e2e-latency.log"));

            BenchmarkTopics.create(rig.bootstrapServers(), Topics.TICKETS, Topics.RESULTS);
            PackagedService worker = rig.startWorker(Map.of());
            PackagedService producer = rig.startProducer(Rig.SERVICE_HEAP, READY);
            context.say("%d tickets/s for %d s warm-up, until it is all finished, then %d s measured", rate, context.options().warmup().toSeconds(),
                    context.options().duration().toSeconds());
            Measurement workerUse = rig.measure(worker, "worker");
            Measurement producerUse = rig.measure(producer, "producer");
            OpenLoop.Outcome outcome = OpenLoop.run(producer.uri(""), rate, context.options().warmup(),
                    context.options().duration(), context.ticker(), STALL);
            rig.finish(workerUse);
            rig.finish(producerUse);

            report(context, "p50", Latencies.percentileMillis(outcome.latencies(), 50), kafka.p50Ms(), null);
            report(context, "p99", Latencies.percentileMillis(outcome.latencies(), 99), kafka.p99Ms(),
                    Target.ratioAtMost(4));
            report(context, "p99.9", Latencies.percentileMillis(outcome.latencies(), 99.9), kafka.p999Ms(), null);
            context.note(("%,d tickets measured at %d/s; they finished at %.0f/s. Of their latency, submitting (due → 202) took p50 %.1f ms, "
                    + "p99 %.1f ms, of which the harness' sender lagged p99 %.1f ms. Kafka EndToEndLatency average %.2f ms")
                    .formatted(outcome.measured(), rate, outcome.finishedRate(),
                            Latencies.percentileMillis(outcome.acceptances(), 50),
                            Latencies.percentileMillis(outcome.acceptances(), 99),
                            Latencies.percentileMillis(outcome.senderLag(), 99), kafka.averageMs()));
            if (outcome.errors() > 0) {
                throw new IllegalStateException("%,d tickets failed to go through, e.g. %s".formatted(
                        outcome.errors(), outcome.firstError()));
            }
        }
    }

    private static void report(ScenarioContext context, String percentile, double value, double kafka, Target target) {
        context.report(context.figure("submit → terminal %s, echo at %d/s".formatted(percentile, context.options().rate()),
                        "ms", value)
                .against("Kafka EndToEndLatency " + percentile, kafka)
                .targeting(target));
    }
}
