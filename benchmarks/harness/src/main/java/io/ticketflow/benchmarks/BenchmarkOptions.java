package io.ticketflow.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one run measures and how big. Defaults finish in a few minutes on two cores; {@code --smoke} shrinks every
 * size so that all scenarios run in a few minutes, mostly process starts (CI does that, to keep the harness from rotting).
 *
 * @param scenarios        which scenarios run, in order (S1..S9)
 * @param tickets          S1 and S2: tickets measured; half as many more are drained first as warm-up
 * @param inFlight         S2: the worker's max-in-flight
 * @param delayMs          S2: the delay of each ticket
 * @param blockingTickets  S2: tickets drained by baseline (a), one at a time
 * @param unorderedTickets S2: tickets drained by baseline (b)
 * @param connections      S3: concurrent connections of the closed loop
 * @param batchSize        S3: tickets per {@code POST /tickets/batch} of the batch loop (at a quarter of the connections)
 * @param warmup           S3, S4, S9: load applied before measuring, long enough for the JIT to settle on two cores
 * @param duration         S3, S4, S9: how long the measured load lasts
 * @param rate             S4, S9: tickets per second, open loop
 * @param kafkaLatencyRuns S4: messages of Kafka's EndToEndLatency tool
 * @param stateTickets     S5: tickets held at the first point, loaded through the state machine (tickets + results)
 * @param stateMaxTickets  S5: tickets held at the largest point (the restart figures are taken there)
 * @param stateLoad        S5: how the tickets beyond the first point are loaded
 * @param machineBudget    S5, with {@code --state-load auto}: the longest the state machine may take for them, at the
 *                         throughput measured at the first point, before they are written straight to ticket-state
 * @param resultBytes      S5: the size of each ticket's SUCCEEDED result (JSON)
 * @param parkedTickets    S5: delay tickets held in flight by the worker
 * @param parkedDelay      S5: their delay
 * @param scaleTickets     S6: delay tickets, all in flight at once on one worker
 * @param scaleDelay       S6: their delay
 * @param spreadTickets    S7: echo tickets worked off by one worker, then by three
 * @param backlog          S8: normal tickets in front of the high ones
 * @param profile          record the services with JFR while measured and summarize the hot spots
 * @param beforeProducerJar S3, S4: another producer build (e.g. round one) run the same way in the same run, as the
 *                         "before" of the figures; {@code null} for none
 * @param beforeLabel      what the before build is called in the table
 * @param workerConfig     configuration given to every worker started (a tuning experiment's before and after);
 *                         a scenario's own settings win
 */
public record BenchmarkOptions(
        boolean smoke,
        List<String> scenarios,
        int tickets,
        int inFlight,
        int delayMs,
        int blockingTickets,
        int unorderedTickets,
        int connections,
        int batchSize,
        Duration warmup,
        Duration duration,
        int rate,
        int kafkaLatencyRuns,
        int stateTickets,
        int stateMaxTickets,
        StateLoad stateLoad,
        Duration machineBudget,
        int resultBytes,
        int parkedTickets,
        Duration parkedDelay,
        int scaleTickets,
        Duration scaleDelay,
        int spreadTickets,
        int backlog,
        boolean profile,
        Path producerJar,
        Path beforeProducerJar,
        String beforeLabel,
        Map<String, String> workerConfig,
        Path workerJar,
        Path baselineJar,
        Path outputDir,
        Path resultsFile) {

    /** How S5 loads the tickets beyond its first point. */
    public enum StateLoad {
        /** Through the state machine if it would take at most the budget at the rate measured, else {@link #DIRECT}. */
        AUTO,
        /** Tickets and SUCCEEDED results, decided by the state machine: the path tickets really take. */
        MACHINE,
        /** Decided states written straight to ticket-state (the view's topic): the state machine decides nothing. */
        DIRECT
    }

    static final List<String> ALL_SCENARIOS = List.of("S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9");

    static String usage() {
        return """
                usage: bin/benchmark [--smoke] [--scenarios S1,S2,S3,S4,S5,S6,S7,S8,S9] [options]
                  --smoke                 every scenario at a tiny size (CI)
                  --tickets N             S1/S2 tickets measured (N/2 more drained first as warm-up)
                                                                           (default 50000, smoke 1000)
                  --in-flight N           S2 worker max-in-flight                  (default 1000)
                  --delay-ms N            S2 delay per ticket                      (default 100)
                  --blocking-tickets N    S2 tickets for baseline (a)              (default 50, smoke 10)
                  --unordered-tickets N   S2 tickets for baseline (b)              (default 10000, smoke 400)
                  --connections N         S3 closed-loop connections               (default 32, smoke 8)
                  --batch-size N          S3 tickets per POST /tickets/batch, at a quarter of the connections
                                                                           (default 100)
                  --warmup SECONDS        S3/S4/S9 warm-up                         (default 15, smoke 1)
                  --duration SECONDS      S3/S4/S9 measured load                   (default 20, smoke 2)
                  --rate N                S4/S9 tickets per second                 (default 500)
                  --kafka-latency-runs N  S4 messages of Kafka's EndToEndLatency   (default 5000, smoke 500)
                  --state-tickets N       S5 tickets held at the first point, loaded through the state machine
                                                                           (default 1000000, smoke 2000)
                  --state-max-tickets N   S5 tickets held at the largest point; restarts are measured there
                                                                           (default 5000000, smoke 5000)
                  --state-load MODE       S5 how tickets beyond the first point are loaded: machine (tickets +
                                          results), direct (decided states straight to ticket-state), or auto
                                          (machine if it fits --machine-budget)  (default auto, smoke direct)
                  --machine-budget SECONDS  S5 auto: longest the state machine may take for them (default 600)
                  --result-bytes N        S5 size of each ticket's SUCCEEDED result (default 1024)
                  --parked-tickets N      S5 tickets in flight in the worker       (default 5000, smoke 500)
                  --parked-delay SECONDS  S5 delay of those tickets                (default 20, smoke 5)
                  --scale-tickets N       S6 delay tickets all in flight on one worker (default 20000, smoke 2000)
                  --scale-delay SECONDS   S6 delay of those tickets                (default 5, smoke 1)
                  --spread-tickets N      S7 echo tickets, one worker then three   (default 20000, smoke 2000)
                  --backlog N             S8 normal tickets in front of the high ones (default 10000, smoke 500)
                  --profile               JFR-record the measured services, print their hot spots
                  --producer-jar, --worker-jar, --baseline-jar PATH   the packaged apps (quarkus-run.jar)
                  --before-producer-jar PATH  S3/S4 also run against this producer build, as the "before"
                  --before-label TEXT     what the before build is called          (default "before")
                  --worker-config K=V,... configuration for every worker started (e.g. a tuning experiment)
                  --output DIR            logs and recordings                      (default target/benchmark)
                  --results FILE          the JSON report                          (default target/benchmark-results.json)
                """;
    }

    static BenchmarkOptions parse(String... args) {
        List<String> list = Arrays.asList(args);
        boolean smoke = list.contains("--smoke");
        Map<String, String> values = new LinkedHashMap<>();
        boolean profile = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> { }
                case "--profile" -> profile = true;
                default -> {
                    if (!args[i].startsWith("--") || i + 1 >= args.length) {
                        throw new IllegalArgumentException("Unexpected argument '" + args[i] + "'");
                    }
                    values.put(args[i].substring(2), args[++i]);
                }
            }
        }
        Reader read = new Reader(values);
        BenchmarkOptions options = new BenchmarkOptions(
                smoke,
                read.scenarios(),
                read.integer("tickets", smoke ? 1_000 : 50_000),
                read.integer("in-flight", 1_000),
                read.integer("delay-ms", 100),
                read.integer("blocking-tickets", smoke ? 10 : 50),
                read.integer("unordered-tickets", smoke ? 400 : 10_000),
                read.integer("connections", smoke ? 8 : 32),
                read.integer("batch-size", 100),
                read.seconds("warmup", smoke ? 1 : 15),
                read.seconds("duration", smoke ? 2 : 20),
                read.integer("rate", 500),
                read.integer("kafka-latency-runs", smoke ? 500 : 5_000),
                read.integer("state-tickets", smoke ? 2_000 : 1_000_000),
                read.integer("state-max-tickets", smoke ? 5_000 : 5_000_000),
                read.choice("state-load", StateLoad.class, smoke ? StateLoad.DIRECT : StateLoad.AUTO),
                read.seconds("machine-budget", 600),
                read.integer("result-bytes", 1_024),
                read.integer("parked-tickets", smoke ? 500 : 5_000),
                read.seconds("parked-delay", smoke ? 5 : 20),
                read.integer("scale-tickets", smoke ? 2_000 : 20_000),
                read.seconds("scale-delay", smoke ? 1 : 5),
                read.integer("spread-tickets", smoke ? 2_000 : 20_000),
                read.integer("backlog", smoke ? 500 : 10_000),
                profile,
                read.path("producer-jar", "producer-service/target/quarkus-app/quarkus-run.jar"),
                read.path("before-producer-jar", null),
                read.text("before-label", "before"),
                read.settings("worker-config"),
                read.path("worker-jar", "worker-service/target/quarkus-app/quarkus-run.jar"),
                read.path("baseline-jar", "benchmarks/baseline-app/target/quarkus-app/quarkus-run.jar"),
                read.path("output", "target/benchmark"),
                read.path("results", "target/benchmark-results.json"));
        read.rejectUnknown();
        return options;
    }

    /** The same options, run against other copies of the packaged apps. */
    BenchmarkOptions withJars(Path producer, Path worker, Path baseline, Path beforeProducer) {
        return new BenchmarkOptions(smoke, scenarios, tickets, inFlight, delayMs, blockingTickets, unorderedTickets,
                connections, batchSize, warmup, duration, rate, kafkaLatencyRuns, stateTickets, stateMaxTickets, stateLoad,
                machineBudget, resultBytes, parkedTickets, parkedDelay, scaleTickets, scaleDelay, spreadTickets,
                backlog, profile, producer, beforeProducer, beforeLabel,
                workerConfig, worker, baseline, outputDir, resultsFile);
    }

    /** The options as the JSON report shows them. */
    Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("smoke", smoke);
        out.put("scenarios", scenarios);
        out.put("tickets", tickets);
        out.put("inFlight", inFlight);
        out.put("delayMs", delayMs);
        out.put("blockingTickets", blockingTickets);
        out.put("unorderedTickets", unorderedTickets);
        out.put("connections", connections);
        out.put("batchSize", batchSize);
        out.put("warmupSeconds", warmup.toSeconds());
        out.put("durationSeconds", duration.toSeconds());
        out.put("rate", rate);
        out.put("kafkaLatencyRuns", kafkaLatencyRuns);
        out.put("stateTickets", stateTickets);
        out.put("stateMaxTickets", stateMaxTickets);
        out.put("stateLoad", stateLoad.name().toLowerCase(Locale.ROOT));
        out.put("machineBudgetSeconds", machineBudget.toSeconds());
        out.put("resultBytes", resultBytes);
        out.put("parkedTickets", parkedTickets);
        out.put("parkedDelaySeconds", parkedDelay.toSeconds());
        out.put("scaleTickets", scaleTickets);
        out.put("scaleDelaySeconds", scaleDelay.toSeconds());
        out.put("spreadTickets", spreadTickets);
        out.put("backlog", backlog);
        out.put("profile", profile);
        if (beforeProducerJar != null) {
            out.put("beforeLabel", beforeLabel);
        }
        if (!workerConfig.isEmpty()) {
            out.put("workerConfig", workerConfig);
        }
        return out;
    }

    private static final class Reader {
        private final Map<String, String> values;
        private final Set<String> used = new LinkedHashSet<>();

        Reader(Map<String, String> values) {
            this.values = values;
        }

        int integer(String name, int fallback) {
            String value = take(name);
            if (value == null) {
                return fallback;
            }
            try {
                int parsed = Integer.parseInt(value.replace("_", "").replace(",", ""));
                if (parsed < 1) {
                    throw new NumberFormatException();
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " needs a positive whole number, not '" + value + "'");
            }
        }

        Duration seconds(String name, int fallback) {
            return Duration.ofSeconds(integer(name, fallback));
        }

        /** @param fallback the default, or {@code null} for none */
        Path path(String name, String fallback) {
            String value = take(name);
            if (value == null && fallback == null) {
                return null;
            }
            return Path.of(value == null ? fallback : value).toAbsolutePath();
        }

        /** {@code key=value} pairs separated by commas; none if not given. */
        Map<String, String> settings(String name) {
            String value = take(name);
            Map<String, String> settings = new LinkedHashMap<>();
            if (value == null || value.isBlank()) {
                return settings;
            }
            for (String pair : value.split(",")) {
                int equals = pair.indexOf('=');
                if (equals < 1) {
                    throw new IllegalArgumentException("--" + name + " needs key=value pairs, not '" + pair + "'");
                }
                settings.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
            }
            return settings;
        }

        String text(String name, String fallback) {
            String value = take(name);
            return value == null || value.isBlank() ? fallback : value.strip();
        }

        <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
            String value = take(name);
            if (value == null) {
                return fallback;
            }
            try {
                return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--" + name + " is one of "
                        + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList()
                        + ", not '" + value + "'");
            }
        }

        List<String> scenarios() {
            String value = take("scenarios");
            if (value == null) {
                return ALL_SCENARIOS;
            }
            List<String> chosen = new ArrayList<>();
            for (String id : value.split(",")) {
                String normalized = id.strip().toUpperCase(Locale.ROOT);
                if (!ALL_SCENARIOS.contains(normalized)) {
                    throw new IllegalArgumentException("--scenarios: unknown scenario '" + id + "' (known: " + ALL_SCENARIOS + ")");
                }
                if (!chosen.contains(normalized)) {
                    chosen.add(normalized);
                }
            }
            return List.copyOf(chosen);
        }

        void rejectUnknown() {
            Set<String> unknown = new LinkedHashSet<>(values.keySet());
            unknown.removeAll(used);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("Unknown option(s): --" + String.join(", --", unknown));
            }
        }

        private String take(String name) {
            used.add(name);
            return values.get(name);
        }
    }
}
