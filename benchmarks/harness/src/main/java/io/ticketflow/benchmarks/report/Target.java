package io.ticketflow.benchmarks.report;

import java.util.Locale;

/** A performance target from issue 5: either relative to the figure's baseline or an absolute bound. */
public record Target(Kind kind, double threshold) {

    public enum Kind { RATIO_AT_LEAST, RATIO_AT_MOST, AT_LEAST, AT_MOST }

    public static Target ratioAtLeast(double threshold) {
        return new Target(Kind.RATIO_AT_LEAST, threshold);
    }

    public static Target ratioAtMost(double threshold) {
        return new Target(Kind.RATIO_AT_MOST, threshold);
    }

    public static Target atLeast(double threshold) {
        return new Target(Kind.AT_LEAST, threshold);
    }

    public static Target atMost(double threshold) {
        return new Target(Kind.AT_MOST, threshold);
    }

    /** Whether the figure meets it; {@code null} when a relative target has no usable baseline. */
    public Boolean metBy(double value, Double ratio) {
        return switch (kind) {
            case RATIO_AT_LEAST -> ratio == null ? null : ratio >= threshold;
            case RATIO_AT_MOST -> ratio == null ? null : ratio <= threshold;
            case AT_LEAST -> value >= threshold;
            case AT_MOST -> value <= threshold;
        };
    }

    public String describe(String unit) {
        String number = Figures.format(threshold);
        return switch (kind) {
            case RATIO_AT_LEAST -> threshold < 1
                    ? String.format(Locale.ROOT, ">= %.0f %% of baseline", threshold * 100)
                    : ">= " + number + "x baseline";
            case RATIO_AT_MOST -> "<= " + number + "x baseline";
            case AT_LEAST -> ">= " + number + " " + unit;
            case AT_MOST -> "<= " + number + " " + unit;
        };
    }
}
