package io.ticketflow.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a service's {@code /q/metrics} (Prometheus text format), read as tests need it: the value of a
 * series given its name and some of its labels.
 */
public final class Metrics {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String text;

    private Metrics(String text) {
        this.text = text;
    }

    /** @param metricsUrl such as {@code http://localhost:8080/q/metrics} */
    public static Metrics scrape(URI metricsUrl) {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(metricsUrl)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(metricsUrl + " answered " + response.statusCode());
            }
            return new Metrics(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Metrics parse(String text) {
        return new Metrics(text);
    }

    /**
     * @param labels name, value, name, value... that the series must have (it may have more)
     * @return the sum over every series of that name with those labels; 0 when there is none
     */
    public double value(String name, String... labels) {
        Map<String, String> wanted = pairs(labels);
        double sum = 0;
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.find() || !sample.group(1).equals(name)) {
                continue;
            }
            Map<String, String> has = new TreeMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    has.put(label.group(1), label.group(2));
                }
            }
            if (has.entrySet().containsAll(wanted.entrySet())) {
                sum += Double.parseDouble(sample.group(4));
            }
        }
        return sum;
    }

    public boolean has(String name) {
        return Arrays.stream(text.split("\n")).anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " "));
    }

    public String text() {
        return text;
    }

    private static Map<String, String> pairs(String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name, value pairs");
        }
        Map<String, String> pairs = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            pairs.put(labels[i], labels[i + 1]);
        }
        return pairs;
    }
}
