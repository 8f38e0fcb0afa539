package io.ticketflow.benchmarks.report;

import java.util.List;

/**
 * What one scenario produced: its figures, notes on what limited them (CPU use, profiles), and why it did not
 * complete when it did not.
 */
public record ScenarioReport(String id, String title, double seconds, List<Figure> figures, List<String> notes,
        String failure) {

    public boolean completed() {
        return failure == null;
    }
}
