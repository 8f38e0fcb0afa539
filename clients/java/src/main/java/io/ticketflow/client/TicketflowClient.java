package io.ticketflow.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The typed client of the REST API: submit a ticket, do other work, then await its result. Every call returns a
 * {@link CompletionStage} and blocks no thread; {@link #mutiny()} gives the same calls as Mutiny {@code Uni}s and
 * {@code Multi}s. Error answers fail the stage with an {@link ApiException} subclass carrying the problem document;
 * a ticket that ends FAILED or CANCELLED fails {@link #result} with a {@link TicketFailedException}.
 */
public final class TicketflowClient implements AutoCloseable {

    /**
     * A ticket accepted a moment ago is unknown until the state machine has decided it, and the server waits only
     * {@code ticketflow.status.unknown-id-wait} (2 s) for that: a 404 {@code unknown-ticket} is asked again this long.
     */
    static final Duration KNOWN_WITHIN = Duration.ofSeconds(30);
    /** Asked of each long-poll; the server caps it at {@code ticketflow.status.max-wait} and the loop asks again. */
    static final Duration LONG_POLL = Duration.ofSeconds(60);
    static final Duration RETRY_AFTER_DEFAULT = Duration.ofSeconds(1);
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // A newer server may add fields: the OpenAPI test keeps these records complete.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final TicketsHttp http;
    private final Duration submitRetryFor;

    /**
     * @param submitRetryFor how long a submission is retried after 503s and lost connections, always with its
     *                       Idempotency-Key
     */
    public TicketflowClient(TicketsHttp http, Duration submitRetryFor) {
        this.http = http;
        this.submitRetryFor = submitRetryFor;
    }

    /** {@code $TICKETFLOW_URL} (else {@code http://localhost:8080}) with the key {@code $TICKETFLOW_API_KEY}. */
    public static TicketflowClient fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static TicketflowClient fromEnvironment(Map<String, String> environment) {
        String url = environment.getOrDefault("TICKETFLOW_URL", "http://localhost:8080");
        return create(URI.create(url), environment.get("TICKETFLOW_API_KEY"));
    }

    /** @param apiKey sent as {@code Authorization: Bearer}; null sends none */
    public static TicketflowClient create(URI base, String apiKey) {
        return new TicketflowClient(new TicketsHttp(base, apiKey), Duration.ofMinutes(2));
    }

    /** The raw calls underneath, answers whole. */
    public TicketsHttp http() {
        return http;
    }

    /** Closes the HTTP client underneath: its connections, and calls still waiting fail. */
    @Override
    public void close() {
        http.close();
    }

    /** The same calls as Mutiny {@code Uni}s and {@code Multi}s (needs Mutiny on the classpath). */
    public MutinyTicketflowClient mutiny() {
        return new MutinyTicketflowClient(this);
    }

    /** {@link #submit(SubmitRequest, String)} with a new Idempotency-Key. */
    public CompletionStage<Ticket> submit(SubmitRequest request) {
        return submit(request, UUID.randomUUID().toString());
    }

    /**
     * {@code POST /tickets}; completes once Kafka stored the ticket (202) or it existed already (200, a replay of
     * the key). A 503 or a lost connection is retried after Retry-After with the same key, so never makes a second
     * ticket, for up to {@code submitRetryFor}.
     */
    public CompletionStage<Ticket> submit(SubmitRequest request, String idempotencyKey) {
        String body = write(request);
        long deadline = System.nanoTime() + submitRetryFor.toNanos();
        return retrying(() -> http.submit(body, idempotencyKey), deadline, failure -> failure instanceof UnavailableException
                        || failure instanceof IOException)
                .thenApply(response -> new Ticket(read(response, SubmitAccepted.class).id(), idempotencyKey,
                        response.statusCode() == 200));
    }

    /**
     * {@code POST /tickets/batch}: every request in one call, each with an Idempotency-Key of its own (a new UUID),
     * answered item by item. Each future completes as {@link #submit} would have for that request alone: with its
     * ticket, or failed with the exception of its item's problem (whose field is named {@code tickets[i].field}, i
     * its place in the batch last sent). Items answered 503, and the whole batch after a lost connection, are sent
     * again after Retry-After with the same keys, for up to {@code submitRetryFor}.
     */
    public List<CompletableFuture<Ticket>> submitAll(List<SubmitRequest> requests) {
        List<String> keys = requests.stream().map(request -> UUID.randomUUID().toString()).toList();
        List<CompletableFuture<Ticket>> tickets = requests.stream().map(request -> new CompletableFuture<Ticket>())
                .toList();
        List<Integer> all = java.util.stream.IntStream.range(0, requests.size()).boxed().toList();
        submitBatch(requests, keys, tickets, all, System.nanoTime() + submitRetryFor.toNanos());
        return tickets;
    }

    /** Sends the {@code pending} requests as one batch, completes the futures of those answered, sends the rest again. */
    private void submitBatch(List<SubmitRequest> requests, List<String> keys, List<CompletableFuture<Ticket>> tickets,
            List<Integer> pending, long deadline) {
        ArrayNode items = JSON.createArrayNode();
        for (int i : pending) {
            items.add(JSON.<ObjectNode>valueToTree(requests.get(i)).put("idempotencyKey", keys.get(i)));
        }
        String body = write(JSON.createObjectNode().set("tickets", items));
        retrying(() -> http.submitBatch(body), deadline, failure -> failure instanceof UnavailableException
                || failure instanceof IOException).whenComplete((response, failure) -> {
                    try {
                        if (failure != null) {
                            throw unwrap(failure);
                        }
                        List<BatchItem> answers = read(response, BatchAnswer.class).tickets();
                        Duration wait = Objects.requireNonNullElse(
                                retryAfter(response.headers().firstValue("Retry-After").orElse(null)),
                                RETRY_AFTER_DEFAULT);
                        boolean retry = System.nanoTime() + wait.toNanos() <= deadline;
                        List<Integer> again = new ArrayList<>();
                        for (int n = 0; n < pending.size(); n++) {
                            int i = pending.get(n);
                            BatchItem item = answers.get(n);
                            if (item.status() < 300) {
                                tickets.get(i).complete(new Ticket(item.ticket().path("id").asText(), keys.get(i),
                                        item.status() == 200));
                            } else if (item.status() == 503 && retry) {
                                again.add(i);
                            } else {
                                tickets.get(i).completeExceptionally(ApiException.of(item.problem(),
                                        item.status() == 503 ? wait : null));
                            }
                        }
                        if (!again.isEmpty()) {
                            CompletableFuture.runAsync(() -> submitBatch(requests, keys, tickets, again, deadline),
                                    after(wait));
                        }
                    } catch (Throwable cause) {
                        pending.forEach(i -> tickets.get(i).completeExceptionally(cause));
                    }
                });
    }

    /** {@code GET /tickets/{id}}. */
    public CompletionStage<TicketView> get(String id) {
        return http.get(id, null).thenApply(response -> read(response, TicketView.class));
    }

    /** {@code GET /tickets/{id}?wait=}: the ticket once terminal, or as it is when the (server-capped) wait ends. */
    public CompletionStage<TicketView> get(String id, Duration wait) {
        return http.get(id, Math.max(1, wait.toMillis()) + "ms").thenApply(response -> read(response, TicketView.class));
    }

    /**
     * The ticket's terminal state, by long-polls resumed across the server's cap; a ticket not decided yet (404
     * {@code unknown-ticket}) or an instance still restoring (503) is asked again. Fails with a
     * {@link java.util.concurrent.TimeoutException} when the ticket is not terminal within {@code timeout}.
     */
    public CompletionStage<TicketView> awaitTerminal(String id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long unknownUntil = System.nanoTime() + KNOWN_WITHIN.toNanos();
        return awaitTerminal(id, deadline, unknownUntil);
    }

    private CompletableFuture<TicketView> awaitTerminal(String id, long deadline, long unknownUntil) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return CompletableFuture.failedFuture(new java.util.concurrent.TimeoutException(
                    "ticket " + id + " not finished in time"));
        }
        Duration wait = Duration.ofNanos(Math.min(left, LONG_POLL.toNanos()));
        return retrying(() -> http.get(id, Math.max(1, wait.toMillis()) + "ms"), deadline,
                failure -> failure instanceof UnavailableException || failure instanceof IOException
                        || unknownTicket(failure) && System.nanoTime() < unknownUntil)
                .thenApply(response -> read(response, TicketView.class))
                .thenCompose(view -> view.isTerminal()
                        ? CompletableFuture.completedFuture(view)
                        : awaitTerminal(id, deadline, unknownUntil));
    }

    /**
     * The handler's result once the ticket SUCCEEDED; fails with {@link TicketFailedException} (a
     * {@link TicketCancelledException} for a cancelled one) otherwise.
     */
    public CompletionStage<JsonNode> result(String id, Duration timeout) {
        return awaitTerminal(id, timeout).thenApply(view -> switch (view.status()) {
            case SUCCEEDED -> view.result();
            case CANCELLED -> throw new TicketCancelledException(view);
            default -> throw new TicketFailedException(view);
        });
    }

    /** {@code DELETE /tickets/{id}}: the ticket as decided CANCELLED by this request; a 409 when it had finished. */
    public CompletionStage<TicketView> cancel(String id) {
        return http.cancel(id).thenApply(response -> read(response, TicketView.class));
    }

    /** One page of {@code GET /tickets}; {@code cursor} is the previous page's {@code next}, null for the first. */
    public CompletionStage<TicketPage> page(ListQuery query, String cursor) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query.status() != null) {
            parameters.put("status", query.status().name());
        }
        if (query.type() != null) {
            parameters.put("type", query.type());
        }
        if (query.submittedAfter() != null) {
            parameters.put("submittedAfter", query.submittedAfter().toString());
        }
        if (query.pageSize() != null) {
            parameters.put("limit", query.pageSize().toString());
        }
        if (cursor != null) {
            parameters.put("cursor", cursor);
        }
        return http.list(parameters).thenApply(response -> read(response, TicketPage.class));
    }

    /** Every ticket of the listing, newest first, given to {@code each} page by page as the pages arrive. */
    public CompletionStage<Void> list(ListQuery query, Consumer<TicketView> each) {
        return list(query, null, each);
    }

    private CompletableFuture<Void> list(ListQuery query, String cursor, Consumer<TicketView> each) {
        return page(query, cursor).toCompletableFuture().thenCompose(page -> {
            page.tickets().forEach(each);
            return page.next() == null ? CompletableFuture.<Void>completedFuture(null) : list(query, page.next(), each);
        });
    }

    /** {@code GET /tickets/stats}. */
    public CompletionStage<TicketStats> stats() {
        return http.stats().thenApply(response -> read(response, TicketStats.class));
    }

    /**
     * {@code GET /tickets/{id}/events}: each decided change, from the current state to the terminal one, given to
     * {@code each} as it arrives. A stream that breaks off is resumed with {@code Last-Event-ID}, and events seen
     * already are not given again. Completes after the terminal event; cancelling the returned future ends the stream.
     */
    public CompletableFuture<Void> events(String id, Consumer<TicketEvent> each) {
        ServerSentEvents stream = new ServerSentEvents(this, id, each, System.nanoTime() + KNOWN_WITHIN.toNanos());
        stream.connect();
        return stream.done();
    }

    // --- plumbing shared with ServerSentEvents and MutinyTicketflowClient

    /** Sends again, after Retry-After (or 1 s), while {@code retry} accepts the failure and the deadline allows. */
    CompletableFuture<HttpResponse<String>> retrying(Supplier<CompletableFuture<HttpResponse<String>>> send,
            long deadline, java.util.function.Predicate<Throwable> retry) {
        return send.get()
                .thenApply(TicketflowClient::checked)
                .handle((response, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(response);
                    }
                    Throwable cause = unwrap(failure);
                    Duration wait = cause instanceof ApiException api
                            ? api.retryAfter().orElse(RETRY_AFTER_DEFAULT)
                            : unknownTicket(cause) ? Duration.ofMillis(200) : RETRY_AFTER_DEFAULT;
                    if (!retry.test(cause) || System.nanoTime() + wait.toNanos() > deadline) {
                        return CompletableFuture.<HttpResponse<String>>failedFuture(cause);
                    }
                    return CompletableFuture.supplyAsync(() -> null, after(wait))
                            .thenCompose(ignored -> retrying(send, deadline, retry));
                })
                .thenCompose(future -> future);
    }

    static Executor after(Duration wait) {
        return CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    static boolean unknownTicket(Throwable failure) {
        return failure instanceof NotFoundException missing && missing.problem().type() != null
                && missing.problem().type().endsWith(":unknown-ticket");
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The response itself when it is not an error; else the exception of its problem document. */
    static <T> HttpResponse<T> checked(HttpResponse<T> response) {
        if (response.statusCode() < 400) {
            return response;
        }
        throw problem(response.statusCode(), response.body() instanceof String text ? text : "",
                response.headers().firstValue("Retry-After").orElse(null));
    }

    static ApiException problem(int status, String body, String retryAfter) {
        Problem problem;
        try {
            problem = JSON.readValue(body, Problem.class);
        } catch (IOException | IllegalArgumentException e) {
            problem = null;
        }
        if (problem == null || problem.status() != status) {
            problem = new Problem("about:blank", "HTTP " + status, status,
                    body.length() > 500 ? body.substring(0, 500) : body, null, null, null, null, null);
        }
        return ApiException.of(problem, retryAfter(retryAfter));
    }

    /** Retry-After in seconds or as an HTTP date. */
    private static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration left = Duration.between(ZonedDateTime.now(when.getZone()), when);
                return left.isNegative() ? Duration.ZERO : left;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    static <T> T read(HttpResponse<String> response, Class<T> type) {
        return parse(checked(response).body(), type);
    }

    static <T> T parse(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Not a " + type.getSimpleName() + ": " + json, e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
