package io.ticketflow.benchmarks.report;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One measured figure of a scenario, next to the baseline measured in the same run (if it has one) and the target
 * it is held to (if any). Targets are reported, never asserted.
 *
 * @param baseline     the baseline's value in the same unit, or {@code null}
 * @param baselineName what the baseline is
 */
public record Figure(String scenario, String name, String unit, double value, Double baseline, String baselineName,
        Target target) {

    public static Figure of(String scenario, String name, String unit, double value) {
        return new Figure(scenario, name, unit, value, null, null, null);
    }

    public Figure against(String name, double baselineValue) {
        return new Figure(scenario, this.name, unit, value, baselineValue, name, target);
    }

    public Figure targeting(Target newTarget) {
        return new Figure(scenario, name, unit, value, baseline, baselineName, newTarget);
    }

    @JsonProperty("ratio")
    public Double ratio() {
        return baseline == null || baseline <= 0 ? null : value / baseline;
    }

    @JsonProperty("met")
    public Boolean met() {
        return target == null ? null : target.metBy(value, ratio());
    }

    @JsonProperty("targetText")
    public String targetText() {
        return target == null ? null : target.describe(unit);
    }
}
