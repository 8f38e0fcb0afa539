package io.ticketflow.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ticketflow.contract.TicketJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The figures a test measured: printed, and kept as JSON next to the service logs for the README. */
final class Figures {

    private Figures() {
    }

    /** Writes {@code figures} (give a LinkedHashMap to keep their order) as {@code <name>.json}. */
    static void report(String name, Map<String, ?> figures) {
        Path dir = Path.of(System.getProperty("ticketflow.e2e.logs", "target/e2e-logs"));
        try {
            String json = TicketJson.mapper().writeValueAsString(figures);
            System.out.println("[" + name + "] " + json);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".json"), json + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
