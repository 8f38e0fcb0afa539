package io.ticketflow.benchmarks.report;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FigureTest {

    @Test
    void aRelativeTargetIsJudgedOnTheRatioToTheBaseline() {
        Figure figure = Figure.of("S1", "drain", "tickets/s", 60).against("loop", 100).targeting(Target.ratioAtLeast(0.6));

        assertThat(figure.ratio()).isEqualTo(0.6);
        assertThat(figure.met()).isTrue();
        assertThat(figure.targetText()).isEqualTo(">= 60 % of baseline");
    }

    @Test
    void aRatioAtMostTargetIsMissedAboveIt() {
        Figure figure = Figure.of("S4", "p99", "ms", 41).against("kafka", 10).targeting(Target.ratioAtMost(4));

        assertThat(figure.met()).isFalse();
        assertThat(figure.targetText()).isEqualTo("<= 4.00x baseline");
    }

    @Test
    void anAbsoluteTargetNeedsNoBaseline() {
        Figure figure = Figure.of("S5", "heap per ticket", "B", 900).targeting(Target.atMost(1024));

        assertThat(figure.ratio()).isNull();
        assertThat(figure.met()).isTrue();
    }

    @Test
    void aRelativeTargetWithoutAUsableBaselineIsNeitherMetNorMissed() {
        Figure figure = Figure.of("S4", "p50", "ms", 3).against("kafka", 0).targeting(Target.ratioAtMost(4));

        assertThat(figure.met()).isNull();
    }

    @Test
    void theTableHasARowPerFigureAndMarksAScenarioThatDidNotComplete() {
        Figure figure = Figure.of("S1", "drain", "tickets/s", 5_000).against("loop", 10_000).targeting(Target.ratioAtLeast(0.6));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ResultTable.print(List.of(
                new ScenarioReport("S1", "drain", 1, List.of(figure), List.of(), null),
                new ScenarioReport("S2", "concurrency", 1, List.of(), List.of(), "lost tickets")),
                new PrintStream(out, true, StandardCharsets.UTF_8));

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("| scenario | figure");
        assertThat(lines.get(1)).matches("\\|[-|]+\\|");
        assertThat(lines.get(2)).contains("5,000 tickets/s", "10,000 tickets/s (loop)", "0.50x", "NO");
        assertThat(lines.get(3)).contains("S2", "DID NOT COMPLETE");
        assertThat(lines).allMatch(line -> line.length() == lines.get(0).length());
    }
}
