package io.ticketflow.benchmarks.submit;

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
 * S3: closed-loop {@code POST /tickets} at C connections; every 202 of the producer means the broker acknowledged
 * the ticket with acks=all. Baseline: the baseline app's trivial endpoint (same JSON in, 202 out, no Kafka), run
 * the same way on the same machine just before.
 */
public final class RestSubmitScenario implements Scenario {

    private static final String BODY = "{\"type\":\"echo\",\"payload\":{\"n\":1,\"text\":\"benchmark\"}}";
    private static final Duration READY = Duration.ofMinutes(2);
    private static final double TOLERATED_ERRORS = 0.01;

    @Override
    public void run(ScenarioContext context) throws Exception {
        int connections = context.options().connections();
        try (Rig rig = context.openRig()) {
            BenchmarkTopics.create(rig.bootstrapServers(), Topics.TICKETS, Topics.RESULTS);
            ClosedLoop.Outcome baseline = load(context, rig, rig.startBaseline(null, Map.of()), "baseline app");
            ClosedLoop.Outcome producer = load(context, rig, rig.startProducer(Rig.SERVICE_HEAP, READY), "producer");

            String name = "POST /tickets, %d connections".formatted(connections);
            context.report(context.figure(name, "req/s", producer.requestsPerSecond())
                    .against("trivial endpoint", baseline.requestsPerSecond())
                    .targeting(Target.ratioAtLeast(0.5)));
            for (double percentile : new double[] {50, 99}) {
                context.report(context.figure("POST /tickets p%.0f latency".formatted(percentile), "ms",
                                Latencies.percentileMillis(producer.latencies(), percentile))
                        .against("trivial endpoint", Latencies.percentileMillis(baseline.latencies(), percentile)));
            }
            if (producer.errors() > TOLERATED_ERRORS * (producer.accepted() + producer.errors())) {
                throw new IllegalStateException("%,d of %,d submissions were not accepted, e.g. %s".formatted(
                        producer.errors(), producer.accepted() + producer.errors(), producer.firstError()));
            }
        }
    }

    private static ClosedLoop.Outcome load(ScenarioContext context, Rig rig, PackagedService app, String label)
            throws InterruptedException {
        context.say("%s: %d connections, %d s warm-up, %d s measured", label, context.options().connections(),
                context.options().warmup().toSeconds(), context.options().duration().toSeconds());
        Measurement measurement = rig.measure(app, label);
        ClosedLoop.Outcome outcome = ClosedLoop.run(app.uri("/tickets"), BODY, context.options().connections(),
                context.options().warmup(), context.options().duration(), context.ticker());
        rig.finish(measurement);
        rig.stop(app);
        return outcome;
    }
}
