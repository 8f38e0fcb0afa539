package io.ticketflow.benchmarks;

import io.ticketflow.benchmarks.concurrency.IoConcurrencyScenario;
import io.ticketflow.benchmarks.drain.WorkerDrainScenario;
import io.ticketflow.benchmarks.latency.EndToEndLatencyScenario;
import io.ticketflow.benchmarks.memory.MemoryScenario;
import io.ticketflow.benchmarks.priority.PriorityScenario;
import io.ticketflow.benchmarks.report.BenchmarkReport;
import io.ticketflow.benchmarks.report.ResultTable;
import io.ticketflow.benchmarks.report.ScenarioReport;
import io.ticketflow.benchmarks.scale.ScaleOutScenario;
import io.ticketflow.benchmarks.scale.ScaleScenario;
import io.ticketflow.benchmarks.steady.SteadyRateScenario;
import io.ticketflow.benchmarks.rig.AppSnapshot;
import io.ticketflow.benchmarks.rig.Progress;
import io.ticketflow.benchmarks.rig.ScenarioContext;
import io.ticketflow.benchmarks.submit.RestSubmitScenario;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the scenarios of issue 5 one after the other, each on a broker of its own, then prints the table and writes
 * the JSON report. Exits 1 only when a scenario could not complete; a missed target is a finding, not a failure.
 */
public final class BenchmarkMain {

    private static final Map<String, Listed> SCENARIOS = Stream.of(
                    new Listed("S1", "worker drain: preloaded echo tickets", new WorkerDrainScenario()),
                    new Listed("S2", "I/O concurrency: delay tickets", new IoConcurrencyScenario()),
                    new Listed("S3", "REST submit: closed-loop POST /tickets", new RestSubmitScenario()),
                    new Listed("S4", "end-to-end latency: echo tickets at a fixed rate", new EndToEndLatencyScenario()),
                    new Listed("S5", "memory and restart: producer ticket state, worker in flight", new MemoryScenario()),
                    new Listed("S6", "at scale: delay tickets all in flight on one worker", new ScaleScenario()),
                    new Listed("S7", "three workers against one: throughput and spread", new ScaleOutScenario()),
                    new Listed("S8", "priorities: a high ticket behind a normal backlog", new PriorityScenario()),
                    new Listed("S9", "steady rate: the worker's CPU per ticket at --rate", new SteadyRateScenario()))
            .collect(Collectors.toMap(Listed::id, Function.identity()));

    private record Listed(String id, String title, Scenario scenario) {
    }

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws IOException {
        if (List.of(args).contains("--help")) {
            System.out.print(BenchmarkOptions.usage());
            return;
        }
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchmarkOptions.usage());
            System.exit(2);
            return;
        }
        Files.createDirectories(options.outputDir());
        // On Ctrl-C no scenario gets to close its rig: its broker and services must not outlive the harness.
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy), "stop-children"));
        Map<String, Object> machine = machine();
        Progress progress = new Progress();
        progress.say("--", "ticketflow benchmarks%s on %s".formatted(options.smoke() ? " (smoke)" : "", machine));
        Map<String, String> apps = new LinkedHashMap<>();
        options = snapshot(options, apps);
        apps.forEach((app, from) -> progress.say("--", app + ": " + from));
        machine.put("apps", apps);

        String startedAt = Instant.now().toString();
        List<ScenarioReport> reports = new ArrayList<>();
        for (String id : options.scenarios()) {
            reports.add(run(SCENARIOS.get(id), options, progress));
        }
        BenchmarkReport report = new BenchmarkReport(startedAt, Instant.now().toString(), machine, options.describe(), reports);
        report.write(options.resultsFile());

        System.out.println();
        ResultTable.print(reports, System.out);
        System.out.println();
        for (ScenarioReport scenario : reports) {
            scenario.notes().forEach(note -> System.out.println(scenario.id() + "  " + note));
            if (!scenario.completed()) {
                System.out.println(scenario.id() + "  DID NOT COMPLETE: " + scenario.failure());
            }
        }
        System.out.println();
        System.out.println("JSON: " + options.resultsFile() + "   logs: " + options.outputDir());
        System.exit(report.completed() ? 0 : 1);
    }

    private static ScenarioReport run(Listed listed, BenchmarkOptions options, Progress progress) {
        ScenarioContext context = new ScenarioContext(listed.id(), options, progress);
        context.say("== %s", listed.title());
        context.checkQuiet();
        long start = System.nanoTime();
        String failure = null;
        try {
            listed.scenario().run(context);
        } catch (Exception e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            context.say("DID NOT COMPLETE: %s", failure);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        context.say("done in %.0f s", seconds);
        return new ScenarioReport(listed.id(), listed.title(), seconds, context.figures(), context.notes(), failure);
    }

    /**
     * Runs every scenario against private copies of the packaged apps, taken now (see {@link AppSnapshot}); says
     * where each came from.
     */
    private static BenchmarkOptions snapshot(BenchmarkOptions options, Map<String, String> apps) {
        Path into = options.outputDir().resolve("apps");
        apps.put("producer", AppSnapshot.provenance(options.producerJar()));
        apps.put("worker", AppSnapshot.provenance(options.workerJar()));
        apps.put("baseline app", AppSnapshot.provenance(options.baselineJar()));
        if (options.beforeProducerJar() != null) {
            apps.put("producer [" + options.beforeLabel() + "]", AppSnapshot.provenance(options.beforeProducerJar()));
        }
        return options.withJars(
                AppSnapshot.copy(options.producerJar(), into.resolve("producer")),
                AppSnapshot.copy(options.workerJar(), into.resolve("worker")),
                AppSnapshot.copy(options.baselineJar(), into.resolve("baseline")),
                options.beforeProducerJar() == null ? null
                        : AppSnapshot.copy(options.beforeProducerJar(), into.resolve("before-producer")));
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            machine.put("memoryGiB", Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024)));
        }
        machine.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return machine;
    }
}
