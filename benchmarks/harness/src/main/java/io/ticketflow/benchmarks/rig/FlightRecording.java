package io.ticketflow.benchmarks.rig;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A JFR recording of a service, started and stopped with jcmd around the measured phase, and its summary: where
 * the CPU samples fall (hottest methods, packages, threads), the process and machine CPU load, GC pauses.
 */
final class FlightRecording {

    private static final String NAME = "benchmark";
    private static final int TOP = 8;

    private final long pid;
    private final Path file;

    private FlightRecording(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    static FlightRecording start(long pid, Path file) {
        ProcessProbe.jcmd(pid, "JFR.start", "name=" + NAME, "settings=profile", "filename=" + file);
        return new FlightRecording(pid, file);
    }

    List<String> stopAndSummarize(String label) {
        ProcessProbe.jcmd(pid, "JFR.stop", "name=" + NAME);
        List<RecordedEvent> samples = new ArrayList<>();
        double[] cpu = new double[3];
        long gcNanos = 0;
        int gcCount = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                switch (event.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> samples.add(event);
                    case "jdk.CPULoad" -> {
                        cpu[0] += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                        cpu[1] += event.getFloat("machineTotal");
                        cpu[2]++;
                    }
                    case "jdk.GarbageCollection" -> {
                        gcCount++;
                        gcNanos += event.getDuration("sumOfPauses").toNanos();
                    }
                    default -> { }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT,
                "%s JFR (%s): %d CPU samples; JVM CPU %.2f cores, machine %.2f cores (of %d); %d GCs, %.0f ms paused",
                label, file.getFileName(), samples.size(), cpu[2] == 0 ? 0 : cpu[0] / cpu[2] * cores,
                cpu[2] == 0 ? 0 : cpu[1] / cpu[2] * cores, cores, gcCount, gcNanos / 1e6));
        lines.add(label + " hottest methods (self): " + top(samples, FlightRecording::leafMethod));
        lines.add(label + " hottest packages (self): " + top(samples, FlightRecording::leafPackage));
        lines.add(label + " busiest threads: " + top(samples, FlightRecording::threadName));
        return lines;
    }

    private static String top(List<RecordedEvent> samples, Function<RecordedEvent, String> key) {
        Map<String, Integer> counts = new HashMap<>();
        samples.forEach(sample -> counts.merge(key.apply(sample), 1, Integer::sum));
        List<String> entries = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(TOP)
                .map(entry -> String.format(Locale.ROOT, "%s %.0f%%", entry.getKey(),
                        100.0 * entry.getValue() / Math.max(1, samples.size())))
                .toList();
        return String.join(", ", entries);
    }

    private static String leafMethod(RecordedEvent sample) {
        RecordedFrame frame = leaf(sample);
        return frame == null ? "?" : frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String leafPackage(RecordedEvent sample) {
        RecordedFrame frame = leaf(sample);
        if (frame == null) {
            return "?";
        }
        String type = frame.getMethod().getType().getName();
        String[] parts = type.split("\\.");
        return String.join(".", Arrays.copyOf(parts, Math.min(3, Math.max(1, parts.length - 1))));
    }

    private static String threadName(RecordedEvent sample) {
        String name = sample.getThread("sampledThread") == null ? "?" : sample.getThread("sampledThread").getJavaName();
        // Pool threads differ only by their number: count them as one.
        return name == null ? "?" : name.replaceAll("-?\\d+$", "-N");
    }

    private static RecordedFrame leaf(RecordedEvent sample) {
        RecordedStackTrace stack = sample.getStackTrace();
        return stack == null || stack.getFrames().isEmpty() ? null : stack.getFrames().getFirst();
    }
}
