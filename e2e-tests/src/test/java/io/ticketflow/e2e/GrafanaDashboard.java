package io.ticketflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Grafana dashboard the compose file provisions (observability/grafana/dashboards), read as data. */
record GrafanaDashboard(JsonNode root) {

    static final Path DIRECTORY = ReadmeCommands.REPOSITORY.resolve("observability/grafana/dashboards");
    static final Path TICKETFLOW = DIRECTORY.resolve("ticketflow.json");

    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
    private static final Pattern SELECTORS = Pattern.compile("\\{[^}]*}|\\[[^]]*]|\"[^\"]*\"");
    /** An identifier not called as a function: what is left of a PromQL expression once groupings are gone. */
    private static final Pattern METRIC = Pattern.compile("(?<![\\w.])([a-zA-Z_:][\\w:]*)\\b(?!\\s*\\()");

    static GrafanaDashboard load(Path file) {
        try {
            return new GrafanaDashboard(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is no JSON", e);
        }
    }

    /** Every query's PromQL, panel by panel. */
    List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        root.path("panels").forEach(panel -> panel.path("targets").forEach(target -> {
            if (target.hasNonNull("expr")) {
                queries.add(new Query(panel.path("title").asText(), target.path("expr").asText()));
            }
        }));
        return queries;
    }

    /** The uids of the data sources its panels and queries name. */
    Set<String> datasourceUids() {
        Set<String> uids = new LinkedHashSet<>();
        root.findValues("datasource").forEach(datasource -> {
            if (datasource.hasNonNull("uid")) {
                uids.add(datasource.path("uid").asText());
            }
        });
        return uids;
    }

    /** One panel query. */
    record Query(String panel, String expr) {

        /** The metric names it reads, as the services expose them ({@code _bucket} and all). */
        Set<String> metrics() {
            String bare = SELECTORS.matcher(GROUPING.matcher(expr).replaceAll(" ")).replaceAll(" ");
            Set<String> names = new LinkedHashSet<>();
            Matcher metric = METRIC.matcher(bare);
            while (metric.find()) {
                names.add(metric.group(1));
            }
            return names;
        }

        /** The labels it groups by, which its metrics must carry. */
        Set<String> groupedBy() {
            Set<String> labels = new LinkedHashSet<>();
            Matcher grouping = GROUPING.matcher(expr);
            while (grouping.find()) {
                for (String label : grouping.group(1).split(",")) {
                    if (!label.isBlank()) {
                        labels.add(label.strip());
                    }
                }
            }
            return labels;
        }
    }
}
