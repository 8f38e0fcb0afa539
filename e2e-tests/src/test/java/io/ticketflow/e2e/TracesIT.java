package io.ticketflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.ticketflow.e2e.OtlpReceiver.ReceivedSpan;
import io.ticketflow.kafka.local.KafkaTool;
import io.ticketflow.kafka.local.LocalKafkaBroker;
import io.ticketflow.process.PackagedService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace per ticket across both packaged services, as a trace backend receives it: both export OTLP/HTTP to a
 * receiver this test runs ({@link OtlpReceiver}), every trace sampled, on a broker of this test's own (a worker of
 * another test sharing the broker could take the ticket, and its spans would go elsewhere). Also checks that every
 * metric the Grafana dashboard charts is one the services expose, with the labels its queries group by.
 */
class TracesIT {

    // Two services starting side by side on a loaded machine (load 40 on two cores has been seen) take minutes.
    private static final Duration READY = Duration.ofMinutes(5);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-01");
    /** A call no server answers, tried twice: a retry, then a dead letter. */
    private static final String REFUSED_TWICE = """
            {"type": "http", "payload": {"url": "http://127.0.0.1:1/refused"}, "maxAttempts": 2}""";
    /** Labels Prometheus adds to what it scrapes: no service exposes them. */
    private static final Set<String> TARGET_LABELS = Set.of("instance", "job");

    private static LocalKafkaBroker broker;
    private static OtlpReceiver otlp;
    private static HttpServer target;
    /** The traceparent header of each request the target got, by path. */
    private static final Map<String, String> received = new ConcurrentHashMap<>();
    private static PackagedService worker;
    private static PackagedService producer;
    private static TicketsClient tickets;

    @BeforeAll
    static void start() throws IOException {
        broker = LocalKafkaBroker.create(0, null).start();
        otlp = new OtlpReceiver();
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
                received.put(exchange.getRequestURI().getPath(), traceparent == null ? "none" : traceparent);
                byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        target.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        target.start();

        Map<String, String> tracing = Map.of(
                "quarkus.otel.exporter.otlp.endpoint", otlp.endpoint(),
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.traces.sampler.arg", "1",
                // Spans leave within a moment rather than the default 5 s.
                "quarkus.otel.bsp.schedule.delay", "200ms");
        worker = Instances.worker("traced-worker", broker.bootstrapServers(), tracing);
        producer = Instances.producer("traced-producer", broker.bootstrapServers(),
                Instances.freshStateDir("traced-producer"), tracing);
        Instances.awaitReady(List.of(worker, producer), READY);
        tickets = new TicketsClient(producer.uri(""));
    }

    @AfterAll
    static void stop() throws IOException {
        Instances.stopAll(List.of(producer, worker));
        // What the receiver got, one span a line, for reading a failure.
        Files.write(logFile("traced-spans.txt").toPath(), otlp.spans().stream().map(ReceivedSpan::toString).toList());
        target.stop(0);
        otlp.close();
        broker.close();
    }

    @Test
    void aRestTicketIsOneTraceFromThePostThroughKafkaTheAttemptAndItsCallToTheCallback() throws Exception {
        String call = "/called/" + UUID.randomUUID();
        String callback = "/callback/" + UUID.randomUUID();
        HttpResponse<String> accepted = tickets.submit("""
                {"type": "http", "payload": {"url": "%s"}, "callbackUrl": "%s"}"""
                .formatted(url(call), url(callback))).get(30, TimeUnit.SECONDS);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = TicketsClient.parse(accepted.body()).path("id").asText();
        Matcher traceparent = TRACEPARENT.matcher(accepted.headers().firstValue("traceparent").orElse(""));
        assertThat(traceparent.matches()).as("traceparent of the 202: " + accepted.headers().map()).isTrue();
        String traceId = traceparent.group(1);

        JsonNode view = TicketsClient.parse(tickets.getKnown(id, "30s").get(60, TimeUnit.SECONDS).body());
        assertThat(view.path("status").asText()).as(view.toString()).isEqualTo("SUCCEEDED");
        assertThat(view.path("traceId").asText()).isEqualTo(traceId);
        await().atMost(PATIENCE).until(() -> received.containsKey(callback));

        ReceivedSpan post = awaitSpan(traceId, span -> span.spanId().equals(traceparent.group(2)));
        assertThat(post.kind()).isEqualTo("SPAN_KIND_SERVER");
        ReceivedSpan send = awaitSpan(traceId, span -> span.kind().equals("SPAN_KIND_PRODUCER")
                && span.service().equals(post.service()) && descends(traceId, span, post));
        ReceivedSpan receive = awaitSpan(traceId, span -> span.kind().equals("SPAN_KIND_CONSUMER")
                && span.isChildOf(send));
        assertThat(receive.service()).as("the worker's receive span").isNotEqualTo(post.service());
        ReceivedSpan attempt = awaitSpan(traceId, span -> span.isChildOf(receive) && span.name().equals("ticket http"));
        assertThat(attempt.attributes()).containsEntry("ticketflow.ticket.id", id)
                .containsEntry("ticketflow.ticket.type", "http")
                .containsEntry("ticketflow.attempt", "1")
                .containsEntry("ticketflow.outcome", "succeeded");
        ReceivedSpan httpCall = awaitSpan(traceId, span -> span.kind().equals("SPAN_KIND_CLIENT")
                && url(call).equals(span.attributes().get("url.full")));
        assertThat(httpCall.isChildOf(attempt)).as("the http call under the attempt").isTrue();
        assertThat(received.get(call)).isEqualTo("00-" + traceId + "-" + httpCall.spanId() + "-01");
        // The callback follows the decision, which the state machine made from the attempt's result record.
        ReceivedSpan callbackPost = awaitSpan(traceId, span -> span.kind().equals("SPAN_KIND_CLIENT")
                && url(callback).equals(span.attributes().get("url.full")));
        assertThat(callbackPost.service()).isEqualTo(receive.service());
        assertThat(descends(traceId, callbackPost, attempt)).as("the callback POST under the attempt").isTrue();
        assertThat(callbackPost.attributes()).containsEntry("http.response.status_code", "200");
        assertThat(received.get(callback)).isEqualTo("00-" + traceId + "-" + callbackPost.spanId() + "-01");
    }

    @Test
    void aTicketWrittenWithTheConsoleProducerGetsATraceOfItsOwn() throws Exception {
        String id = "console-traced-" + UUID.randomUUID();
        Process console = KafkaTool.CONSOLE_PRODUCER.process(List.of("--bootstrap-server", broker.bootstrapServers(),
                        "--topic", "tickets", "--property", "parse.key=true", "--property", "key.separator=|"))
                .redirectError(ProcessBuilder.Redirect.appendTo(logFile("traced-console-producer.log")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (Writer stdin = new OutputStreamWriter(console.getOutputStream(), StandardCharsets.UTF_8)) {
            stdin.write(id + "|{\"type\": \"echo\", \"payload\": {\"from\": \"console\"}}\n");
        }
        assertThat(console.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the console producer ends").isTrue();
        assertThat(console.exitValue()).isZero();

        JsonNode view = TicketsClient.parse(tickets.getKnown(id, "30s").get(60, TimeUnit.SECONDS).body());
        assertThat(view.path("status").asText()).as(view.toString()).isEqualTo("SUCCEEDED");
        String traceId = view.path("traceId").asText();
        assertThat(traceId).matches("[0-9a-f]{32}");
        ReceivedSpan receive = awaitSpan(traceId, span -> span.kind().equals("SPAN_KIND_CONSUMER"));
        assertThat(receive.parentSpanId()).as("a record without traceparent starts its trace").isEmpty();
        ReceivedSpan attempt = awaitSpan(traceId, span -> span.isChildOf(receive) && span.name().equals("ticket echo"));
        assertThat(attempt.attributes()).containsEntry("ticketflow.ticket.id", id)
                .containsEntry("ticketflow.outcome", "succeeded");
    }

    @Test
    void aRetryAndTheDeadLetterOfATicketThatFailsForGoodStayInItsTrace() throws Exception {
        String id = tickets.submitAccepted(REFUSED_TWICE).get(30, TimeUnit.SECONDS);
        JsonNode failed = TicketsClient.parse(tickets.getKnown(id, "60s").get(90, TimeUnit.SECONDS).body());
        assertThat(failed.path("status").asText()).as(failed.toString()).isEqualTo("FAILED");
        String traceId = failed.path("traceId").asText();

        ReceivedSpan first = awaitSpan(traceId, span -> attempt(span, id, "1"));
        ReceivedSpan second = awaitSpan(traceId, span -> attempt(span, id, "2"));
        assertThat(first.attributes()).containsEntry("ticketflow.outcome", "retrying");
        assertThat(second.attributes()).containsEntry("ticketflow.outcome", "failed");
        assertThat(descends(traceId, second, first)).as("the second attempt under the first, through the retry topic")
                .isTrue();
        awaitSpan(traceId, span -> span.kind().equals("SPAN_KIND_PRODUCER") && span.isChildOf(second)
                && span.name().startsWith("tickets-dead-letter"));
    }

    @Test
    void everyMetricTheDashboardChartsIsExposedWithTheLabelsItGroupsBy() throws Exception {
        // Counters that appear with their first event: a dead letter (a call that fails twice), a cancel.
        String deadLetter = tickets.submitAccepted(REFUSED_TWICE).get(30, TimeUnit.SECONDS);
        String cancelled = tickets.submitAccepted("{\"type\": \"delay\", \"payload\": {\"ms\": 60000}}")
                .get(30, TimeUnit.SECONDS);
        await().atMost(PATIENCE).until(() -> "RUNNING".equals(status(cancelled)));
        assertThat(tickets.cancel(cancelled).get(30, TimeUnit.SECONDS).statusCode()).isLessThan(300);
        JsonNode failed = TicketsClient.parse(tickets.getKnown(deadLetter, "60s").get(90, TimeUnit.SECONDS).body());
        assertThat(failed.path("status").asText()).as(failed.toString()).isEqualTo("FAILED");

        List<String> problems = new ArrayList<>();
        await().atMost(PATIENCE).untilAsserted(() -> {
            problems.clear();
            Map<String, List<String>> exposed = scrape(worker);
            scrape(producer).forEach((name, series) ->
                    exposed.computeIfAbsent(name, any -> new ArrayList<>()).addAll(series));
            for (GrafanaDashboard.Query query : GrafanaDashboard.load(GrafanaDashboard.TICKETFLOW).queries()) {
                for (String metric : query.metrics()) {
                    List<String> series = exposed.get(metric);
                    if (series == null) {
                        problems.add(query.panel() + ": no service exposes " + metric);
                        continue;
                    }
                    query.groupedBy().stream().filter(label -> !TARGET_LABELS.contains(label))
                            .filter(label -> series.stream().noneMatch(line -> line.contains(label + "=\"")))
                            .forEach(label -> problems.add(query.panel() + ": " + metric + " has no label " + label));
                }
            }
            assertThat(problems).isEmpty();
        });
    }

    /** Each exposed metric's sample lines, by name, from a service's /q/metrics. */
    private static Map<String, List<String>> scrape(PackagedService service) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            String text = client.send(HttpRequest.newBuilder(service.uri("/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Map<String, List<String>> samples = new HashMap<>();
            text.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).forEach(line -> {
                String name = line.split("[{ ]", 2)[0];
                samples.computeIfAbsent(name, any -> new ArrayList<>()).add(line);
            });
            return samples;
        }
    }

    private static String status(String id) throws Exception {
        HttpResponse<String> view = tickets.get(id, null).get(30, TimeUnit.SECONDS);
        return view.statusCode() == 200 ? TicketsClient.parse(view.body()).path("status").asText() : null;
    }

    private static ReceivedSpan awaitSpan(String traceId, Predicate<ReceivedSpan> wanted) {
        return await().atMost(PATIENCE).until(() -> otlp.trace(traceId).stream().filter(wanted).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    /** Whether {@code span} is {@code ancestor} or under it, through the parents the receiver has of that trace. */
    private static boolean descends(String traceId, ReceivedSpan span, ReceivedSpan ancestor) {
        Map<String, ReceivedSpan> byId = new HashMap<>();
        otlp.trace(traceId).forEach(each -> byId.put(each.spanId(), each));
        for (ReceivedSpan at = span; at != null; at = byId.get(at.parentSpanId())) {
            if (at.spanId().equals(ancestor.spanId())) {
                return true;
            }
        }
        return false;
    }

    private static boolean attempt(ReceivedSpan span, String ticketId, String attempt) {
        return ticketId.equals(span.attributes().get("ticketflow.ticket.id"))
                && attempt.equals(span.attributes().get("ticketflow.attempt"));
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + target.getAddress().getPort() + path;
    }

    private static File logFile(String name) throws IOException {
        return Files.createDirectories(Instances.logs()).resolve(name).toFile();
    }
}
