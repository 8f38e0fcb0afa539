package io.ticketflow.e2e;

import io.ticketflow.kafka.local.KafkaTool;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A README command {@code bin/kafka <tool> ...} run the way {@code bin/kafka} runs it: Kafka's real console tool in a
 * JVM of its own, with the README's arguments, its here-document on standard input, and only the broker address
 * exchanged for the test broker's.
 */
final class ConsoleToolProcess implements AutoCloseable {

    /** Where the README's local commands expect the broker: the one {@code bin/demo} starts. */
    static final String README_BOOTSTRAP = "127.0.0.1:9092";

    private final String name;
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private ConsoleToolProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread.ofVirtual().name(name + "-stdout").start(this::collectOutput);
    }

    static ConsoleToolProcess start(ReadmeCommands.Command command, String bootstrapServers, Path logDir) {
        if (!command.startsWith("bin/kafka")) {
            throw new IllegalArgumentException("Not a bin/kafka command: " + command);
        }
        KafkaTool tool = KafkaTool.named(command.words().get(1))
                .orElseThrow(() -> new IllegalArgumentException("No such tool in bin/kafka: " + command));
        String bootstrap = command.option("--bootstrap-server")
                .orElseThrow(() -> new IllegalArgumentException("No --bootstrap-server in: " + command));
        if (!bootstrap.equals(README_BOOTSTRAP)) {
            throw new IllegalArgumentException("The local commands address bin/demo's broker, " + README_BOOTSTRAP
                    + ": " + command);
        }
        List<String> arguments = new ArrayList<>(command.arguments(2));
        arguments.set(arguments.indexOf("--bootstrap-server") + 1, bootstrapServers);
        try {
            Files.createDirectories(logDir);
            Process process = tool.process(arguments)
                    .redirectError(ProcessBuilder.Redirect.appendTo(logDir.resolve(tool.command() + ".log").toFile()))
                    .start();
            try (Writer stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
                for (String line : command.input()) {
                    stdin.write(line + "\n");
                }
            }
            return new ConsoleToolProcess(tool.command(), process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line the tool printed so far. */
    List<String> output() {
        return List.copyOf(output);
    }

    /** Waits for the tool to end by itself, as a producer does at the end of its input; its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still running after " + timeout);
        }
        return process.exitValue();
    }

    /** Ends the tool the way Ctrl-C would (a consumer never ends by itself). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private void collectOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().forEach(output::add);
        } catch (IOException | UncheckedIOException e) {
            // the process ended while being read: what was read is kept
        }
    }
}
