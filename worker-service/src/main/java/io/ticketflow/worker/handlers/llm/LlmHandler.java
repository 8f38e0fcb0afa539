package io.ticketflow.worker.handlers.llm;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.worker.handlers.InFlightLimits;
import io.ticketflow.worker.handlers.Progress;
import io.ticketflow.worker.handlers.TicketFailure;
import io.ticketflow.worker.handlers.TicketHandler;
import io.ticketflow.outbound.AllowedHosts;
import io.ticketflow.worker.outbound.HostResolver;
import io.ticketflow.worker.outbound.OutboundHttpClient;
import io.ticketflow.worker.outbound.OutboundPolicy;
import io.ticketflow.worker.outbound.OutboundRefusedException;
import io.ticketflow.worker.outbound.OutboundResponse;
import io.ticketflow.worker.outbound.OutboundTarget;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * {@code llm}: one chat completion from an OpenAI-compatible API ({@code POST <base-url>/chat/completions}), without
 * blocking; returns {@code {model, message, finishReason, usage}}. With {@code "stream": true} the answer comes as
 * server-sent events and the text so far is the ticket's progress ({@code progress.output}).
 *
 * <p>A refusal that may pass (429, 5xx) or a call or stream that broke fails the attempt as retryable, and the worker's
 * retries run it again: a waiting ticket holds no slot and survives a restart, and its next attempt is not due before
 * the server's {@code Retry-After}. Any other 4xx (a bad key, an unknown model) fails the ticket for good.
 *
 * <p>The base URL's host is resolved for each call and checked as the http handler's hosts are ({@link OutboundPolicy}):
 * a name matched only by a wildcard of the allow-list may not lead to a loopback, private or otherwise special address.
 */
@ApplicationScoped
public class LlmHandler implements TicketHandler {

    static final String CALL_FAILED = "llm_call_failed";
    static final String RATE_LIMITED = "llm_rate_limited";
    static final String SERVER_ERROR = "llm_server_error";
    static final String REJECTED = "llm_request_rejected";
    static final String STREAM_BROKEN = "llm_stream_broken";
    private static final String ALLOWED_HOSTS = "ticketflow.handlers.llm.allowed-hosts";

    private final LlmConfig config;
    private final URI endpoint;
    private final OutboundPolicy policy;
    private final OutboundHttpClient client;

    public LlmHandler(Vertx vertx, LlmConfig config, InFlightLimits limits) {
        this.config = config;
        String base = config.baseUrl().toString();
        this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + "chat/completions");
        AllowedHosts allowed = new AllowedHosts(config.allowedHosts());
        if (!allowed.permits(endpoint.getHost())) {
            Log.warnf("ticketflow.handlers.llm.base-url names host '%s', which is not in "
                    + ALLOWED_HOSTS + " %s: every llm ticket will fail", endpoint.getHost(), allowed);
        }
        this.policy = new OutboundPolicy(allowed, ALLOWED_HOSTS, HostResolver.of(vertx));
        int connections = config.maxConnectionsPerHost().orElseGet(() -> limits.maxInFlight(type()));
        this.client = new OutboundHttpClient(vertx, config.connectTimeout(), connections);
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @Override
    public String type() {
        return "llm";
    }

    @Override
    public Uni<JsonNode> handle(TicketRecord ticket) {
        return handle(ticket, Progress.IGNORED);
    }

    @Override
    public Uni<JsonNode> handle(TicketRecord ticket, Progress progress) {
        return Uni.createFrom().item(() -> ChatRequest.from(ticket.payload(), config.defaultModel()))
                .chain(request -> call(request, progress));
    }

    @Override
    public Optional<Duration> defaultTimeout() {
        return Optional.of(config.defaultTimeout());
    }

    private Uni<JsonNode> call(ChatRequest chat, Progress progress) {
        // Resolved for each call, as a client resolving the name itself would: the API's addresses change.
        return policy.check(endpoint)
                .onFailure().transform(e -> e instanceof OutboundRefusedException
                        ? new TicketFailure(TicketFailure.HOST_NOT_ALLOWED,
                                "ticketflow.handlers.llm.base-url: " + e.getMessage(), false)
                        : new TicketFailure(CALL_FAILED, "POST %s failed: %s".formatted(endpoint, e.getMessage()), true))
                .chain(target -> call(chat, progress, target));
    }

    private Uni<JsonNode> call(ChatRequest chat, Progress progress, OutboundTarget target) {
        ChatAnswer answer = new ChatAnswer(progress);
        ChatBody body = new ChatBody(config.maxResponseBytes(), chat.stream() ? answer::event : null);
        RequestOptions request = client.request(HttpMethod.POST, target)
                .setConnectTimeout(config.connectTimeout().toMillis())
                .setIdleTimeout(config.responseTimeout().toMillis())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.ACCEPT, chat.stream() ? "text/event-stream" : "application/json");
        config.apiKey().ifPresent(key -> request.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + key));
        return client.send(request, Buffer.buffer(chat.body().toString()), body)
                .onFailure().transform(failure -> answer.chunks() > 0
                        ? new TicketFailure(STREAM_BROKEN, "the stream broke after %d chunks: %s"
                                .formatted(answer.chunks(), failure.getMessage()), true)
                        : new TicketFailure(CALL_FAILED, "POST %s failed: %s"
                                .formatted(endpoint, failure.getMessage()), true))
                .map(response -> result(response, chat, body, answer));
    }

    private JsonNode result(OutboundResponse response, ChatRequest chat, ChatBody body, ChatAnswer answer) {
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new TicketFailure(status == 429 ? RATE_LIMITED : SERVER_ERROR,
                    "the API answered %d: %s".formatted(status, ChatAnswer.errorMessage(body.text())), true,
                    retryAfter(response.headers().get("Retry-After"), Instant.now()).orElse(null));
        }
        if (status < 200 || status >= 300) {
            throw new TicketFailure(REJECTED, "the API answered %d: %s".formatted(status, ChatAnswer.errorMessage(body.text())), false);
        }
        String contentType = Optional.ofNullable(response.headers().get(HttpHeaders.CONTENT_TYPE)).orElse("");
        // A server that does not stream answers the whole completion as JSON.
        if (chat.stream() && !contentType.startsWith("application/json")) {
            return answer.streamed();
        }
        if (body.truncated()) {
            throw new TicketFailure(ChatAnswer.BAD_ANSWER, "the answer is larger than "
                    + "ticketflow.handlers.llm.max-response-bytes (%d)".formatted(config.maxResponseBytes()), false);
        }
        return ChatAnswer.whole(body.text());
    }

    /** RFC 9110 {@code Retry-After}: seconds, or an HTTP date. */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException neither) {
                return Optional.empty();
            }
        }
    }
}
