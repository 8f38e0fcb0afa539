package io.ticketflow.benchmarks.latency;

import io.ticketflow.kafka.local.KafkaTool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The S4 baseline: Kafka's own {@code EndToEndLatency} tool (kafka-e2e-latency.sh) on the same broker, in its own
 * JVM. It sends one record at a time ({@code acks=all}) and times it until its consumer sees it: the floor that any
 * submit → process → observe path through this broker stands on. It prints whole milliseconds.
 */
final class KafkaLatencyTool {

    private static final Pattern AVERAGE = Pattern.compile("Avg latency: ([\\d.]+) ms");
    private static final Pattern PERCENTILES = Pattern.compile("50th = (\\d+), 99th = (\\d+), 99.9th = (\\d+)");
    private static final int MESSAGE_BYTES = 200;

    record Result(double averageMs, double p50Ms, double p99Ms, double p999Ms) {
    }

    private KafkaLatencyTool() {
    }

    static Result run(String bootstrapServers, int messages, Path log) throws IOException, InterruptedException {
        Process process = KafkaTool.E2E_LATENCY.process(List.of(bootstrapServers, "e2e-latency",
                        Integer.toString(messages), "all", Integer.toString(MESSAGE_BYTES)))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Files.writeString(log, output);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("Kafka's EndToEndLatency tool failed; see " + log);
        }
        return parse(output);
    }

    /** Reads the tool's closing lines: {@code Avg latency: 1.4 ms} and {@code Percentiles: 50th = 1, 99th = 8, 99.9th = 15}. */
    static Result parse(String output) {
        Matcher average = AVERAGE.matcher(output);
        Matcher percentiles = PERCENTILES.matcher(output);
        if (!average.find() || !percentiles.find()) {
            throw new IllegalStateException("Cannot read the EndToEndLatency output:\n" + output);
        }
        return new Result(Double.parseDouble(average.group(1)), Double.parseDouble(percentiles.group(1)),
                Double.parseDouble(percentiles.group(2)), Double.parseDouble(percentiles.group(3)));
    }
}
