package io.ticketflow.benchmarks.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ticketflow.contract.TicketJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The whole run as written to {@code target/benchmark-results.json}. */
public record BenchmarkReport(String startedAt, String finishedAt, Map<String, Object> machine,
        Map<String, Object> options, List<ScenarioReport> scenarios) {

    @JsonProperty("completed")
    public boolean completed() {
        return scenarios.stream().allMatch(ScenarioReport::completed);
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            TicketJson.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
