package io.ticketflow.benchmarks.report;

import java.util.Locale;

/** Number formatting shared by the table and the targets: readable magnitudes, no false precision. */
final class Figures {

    private Figures() {
    }

    static String format(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
