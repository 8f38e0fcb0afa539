package io.ticketflow.benchmarks.submit;

import io.ticketflow.benchmarks.Scenario;
import io.ticketflow.benchmarks.kafka.BenchmarkTopics;
import io.ticketflow.benchmarks.load.Http;
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
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * S3: closed-loop {@code POST /tickets} at C connections; every 202 of the producer means the broker acknowledged
 * the ticket with acks=all. Then, on the same (warm) producer, {@code POST /tickets/batch} with batches of B at C/4
 * connections, counted in tickets: each answer must accept every ticket of its batch. Baseline: the baseline app's trivial endpoint (same JSON in, 202 out, no Kafka), run
 * the same way on the same machine just before. The producer's CPU per accepted ticket is taken over the measured
 * window only. With {@code --before-producer-jar}, another producer build (the "before") is run the same way on a
 * broker of its own, in the same run.
 */
public final class RestSubmitScenario implements Scenario {

    private static final String BODY = "{\"type\":\"echo\",\"payload\":{\"n\":1,\"text\":\"benchmark\"}}";
    private static final int BATCH_DIVISOR = 4;
    private static final Duration READY = Duration.ofMinutes(2);
    private static final double TOLERATED_ERRORS = 0.01;

    /**
     * What the closed loop sends, and how it tells that an answer accepted every ticket sent. Without an
     * Idempotency-Key, as the baseline's trivial endpoint is sent: a keyed submission also waits for its decision.
     */
    private record Load(String name, ClosedLoop.Request request, int ticketsPerRequest, ClosedLoop.Answers answers) {

        static final Load SINGLE = new Load("POST /tickets", tickets -> tickets.submit(BODY, null), 1,
                response -> response.statusCode() == 202);

        static Load batch(int size) {
            String body = IntStream.range(0, size).mapToObj(i -> BODY)
                    .collect(Collectors.joining(",", "{\"tickets\":[", "]}"));
            Pattern accepted = Pattern.compile("\"status\":202\\b");
            return new Load("POST /tickets/batch", tickets -> tickets.submitBatch(body), size,
                    response -> response.statusCode() == 200
                            && accepted.matcher(response.body()).results().count() == size);
        }
    }

    /** One producer build under the closed loop, and the CPU it used over the measured window. */
    private record Submitted(ClosedLoop.Outcome outcome, double cpuSeconds) {

        double cpuMillisPerTicket() {
            return 1_000 * cpuSeconds / Math.max(1, outcome.tickets());
        }
    }

    @Override
    public void run(ScenarioContext context) throws Exception {
        int connections = context.options().connections();
        Path beforeJar = context.options().beforeProducerJar();
        String label = context.options().beforeLabel();
        ClosedLoop.Outcome baseline;
        int batchSize = context.options().batchSize();
        int batchConnections = Math.max(1, connections / BATCH_DIVISOR);
        Submitted current;
        Submitted batches;
        Submitted before = null;
        try (Rig rig = context.openRig()) {
            BenchmarkTopics.create(rig.bootstrapServers(), Topics.TICKETS, Topics.RESULTS);
            PackagedService app = rig.startBaseline(null, Map.of());
            baseline = load(context, rig, app, "baseline app", null, Load.SINGLE, connections);
            rig.stop(app);
            PackagedService producer = rig.startProducer(context.options().producerJar(), "producer",
                    Rig.SERVICE_HEAP, READY);
            current = submit(context, rig, producer, "producer", Load.SINGLE, connections);
            batches = submit(context, rig, producer, "producer, batches of " + batchSize, Load.batch(batchSize),
                    batchConnections);
            rig.stop(producer);
        }
        if (beforeJar != null) {
            try (Rig rig = context.openRig()) {
                BenchmarkTopics.create(rig.bootstrapServers(), Topics.TICKETS, Topics.RESULTS);
                String beforeName = "producer [" + label + "]";
                PackagedService producer = rig.startProducer(beforeJar, Rig.fileName(beforeName), Rig.SERVICE_HEAP,
                        READY);
                before = submit(context, rig, producer, beforeName, Load.SINGLE, connections);
                rig.stop(producer);
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
        context.report(context.figure("POST /tickets/batch of %d, %d connections".formatted(batchSize, batchConnections),
                        "tickets/s", batches.outcome().ticketsPerSecond())
                .against("single POST /tickets, same run", current.outcome().ticketsPerSecond()));
        context.report(context.figure("producer CPU per ticket, batches of %d".formatted(batchSize), "ms",
                batches.cpuMillisPerTicket()).against("single POST /tickets", current.cpuMillisPerTicket()));

        check(current, "producer");
        check(batches, "producer, batches of " + batchSize);
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

    private static Submitted submit(ScenarioContext context, Rig rig, PackagedService producer, String label, Load load,
            int connections) throws InterruptedException {
        CpuWindow window = CpuWindow.of(producer.pid());
        ClosedLoop.Outcome outcome = load(context, rig, producer, label, window, load, connections);
        Submitted submitted = new Submitted(outcome, window.cpuSeconds(0));
        context.note(String.format(Locale.ROOT, "%s: %.2f s of CPU over the %.1f s measured window, %,d tickets "
                        + "accepted: %.3f ms CPU per ticket (%.2f cores)", label, submitted.cpuSeconds(), window.seconds(),
                outcome.tickets(), submitted.cpuMillisPerTicket(), submitted.cpuSeconds() / window.seconds()));
        return submitted;
    }

    /** @param window opened and closed with the measured window, or {@code null} */
    private static ClosedLoop.Outcome load(ScenarioContext context, Rig rig, PackagedService app, String label,
            CpuWindow window, Load load, int connections) throws InterruptedException {
        context.say("%s: %d connections, %d s warm-up, %d s measured", label, connections,
                context.options().warmup().toSeconds(), context.options().duration().toSeconds());
        Measurement measurement = rig.measure(app, label);
        ClosedLoop.Outcome outcome = ClosedLoop.run(Http.tickets(app.uri("")), load.name(), load.request(),
                load.ticketsPerRequest(), load.answers(), connections, context.options().warmup(), context.options().duration(),
                context.ticker(), window == null ? () -> { } : window::open, window == null ? () -> { } : window::close);
        rig.finish(measurement);
        return outcome;
    }
}
