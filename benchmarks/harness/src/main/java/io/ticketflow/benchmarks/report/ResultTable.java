package io.ticketflow.benchmarks.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The figures as a Markdown table, the form the README's Performance section shows them in. */
public final class ResultTable {

    private static final List<String> HEADER = List.of("scenario", "figure", "value", "baseline", "ratio", "target", "met?");

    private ResultTable() {
    }

    public static void print(List<ScenarioReport> reports, PrintStream out) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ScenarioReport report : reports) {
            for (Figure figure : report.figures()) {
                rows.add(row(figure));
            }
            if (!report.completed()) {
                rows.add(List.of(report.id(), report.title(), "DID NOT COMPLETE", "", "", "", ""));
            }
        }
        int[] widths = new int[HEADER.size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        for (int r = 0; r < rows.size(); r++) {
            out.println(line(rows.get(r), widths));
            if (r == 0) {
                out.println(separator(widths));
            }
        }
    }

    private static List<String> row(Figure figure) {
        String baseline = figure.baseline() == null
                ? ""
                : Figures.format(figure.baseline()) + " " + figure.unit() + " (" + figure.baselineName() + ")";
        Double ratio = figure.ratio();
        Boolean met = figure.met();
        return List.of(
                figure.scenario(),
                figure.name(),
                Figures.format(figure.value()) + " " + figure.unit(),
                baseline,
                ratio == null ? "" : Figures.format(ratio) + "x",
                figure.target() == null ? "" : figure.targetText(),
                met == null ? "" : met ? "yes" : "NO");
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder text = new StringBuilder("|");
        for (int i = 0; i < cells.size(); i++) {
            text.append(' ').append(pad(cells.get(i), widths[i])).append(" |");
        }
        return text.toString();
    }

    private static String separator(int[] widths) {
        StringBuilder text = new StringBuilder("|");
        for (int width : widths) {
            text.append("-".repeat(width + 2)).append('|');
        }
        return text.toString();
    }

    private static String pad(String cell, int width) {
        return cell + " ".repeat(width - cell.length());
    }
}
