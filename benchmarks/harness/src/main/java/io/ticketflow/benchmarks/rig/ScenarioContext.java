package io.ticketflow.benchmarks.rig;

import io.ticketflow.benchmarks.BenchmarkOptions;
import io.ticketflow.benchmarks.report.Figure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a scenario gets to run with: the options, progress output, fresh rigs; and what it reports, figure by figure
 * as they are measured, so that a scenario failing half-way still reports what it measured.
 */
public final class ScenarioContext {

    private static final Duration QUIET_WINDOW = Duration.ofSeconds(1);
    private static final double QUIET_LIMIT = 0.15;

    private final String scenario;
    private final BenchmarkOptions options;
    private final Progress progress;
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int launched;

    public ScenarioContext(String scenario, BenchmarkOptions options, Progress progress) {
        this.scenario = scenario;
        this.options = options;
        this.progress = progress;
    }

    public String scenario() {
        return scenario;
    }

    public BenchmarkOptions options() {
        return options;
    }

    /** A fresh broker, so that no scenario sees another's topics, groups or leftover load. */
    public Rig openRig() {
        say("starting a fresh Kafka broker");
        return new Rig(this);
    }

    /**
     * Notes, for the report, how busy the machine was before the scenario started (over one second, and the load
     * average), and warns when something else keeps it busy: whatever runs beside it takes its CPU.
     */
    public void checkQuiet() {
        double busy = ProcessProbe.machineBusyCores(QUIET_WINDOW);
        int cores = Runtime.getRuntime().availableProcessors();
        String load = ProcessProbe.loadAverage();
        if (busy > QUIET_LIMIT * cores) {
            note(String.format(Locale.ROOT, "the machine was already %.2f of %d cores busy before this scenario (load "
                    + "average %s): its figures are low by that much", busy, cores, load));
        } else {
            note(String.format(Locale.ROOT, "before this scenario the machine was %.2f of %d cores busy (load average %s)",
                    busy, cores, load));
        }
    }

    /** Where the next process of this scenario logs: numbered in start order, so that no two share a file. */
    Path logFile(String process) {
        return options.outputDir().resolve(scenario + "-" + (++launched) + "-" + process + ".log");
    }

    public void say(String format, Object... args) {
        progress.say(scenario, args.length == 0 ? format : String.format(format, args));
    }

    public Progress.Ticker ticker() {
        return progress.ticker(scenario);
    }

    /** A figure of a scenario: the value, and usually its baseline and target. */
    public Figure figure(String name, String unit, double value) {
        return Figure.of(scenario, name, unit, value);
    }

    public void report(Figure figure) {
        figures.add(figure);
        progress.say(scenario, "%s: %.2f %s%s".formatted(figure.name(), figure.value(), figure.unit(),
                figure.baseline() == null ? "" : " (baseline %s: %.2f)".formatted(figure.baselineName(), figure.baseline())));
    }

    /**
     * The CPU a ticket cost the {@code i}th process of a closed window, {@code tickets} being those finished in it: a
     * figure without a target, and a note on the window it covers.
     */
    public void reportCpuPerTicket(String name, CpuWindow cpu, int i, long tickets) {
        if (tickets < 1) {
            note(String.format(Locale.ROOT, "%s: no ticket finished within its %.1f s window, so none is reported", name,
                    cpu.seconds()));
            return;
        }
        report(figure(name, "ms", 1_000 * cpu.cpuSeconds(i) / tickets));
        note(String.format(Locale.ROOT, "%s: %.2f s of CPU over the %.1f s window, %,d tickets (%.2f cores)", name,
                cpu.cpuSeconds(i), cpu.seconds(), tickets, cpu.cpuSeconds(i) / cpu.seconds()));
    }

    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    /** A line for the report (and the console) on what limited a figure. */
    public void note(String line) {
        notes.add(line);
        progress.say(scenario, line);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }
}
