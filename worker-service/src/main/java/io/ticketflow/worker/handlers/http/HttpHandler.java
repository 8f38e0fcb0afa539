package io.ticketflow.worker.handlers.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.worker.handlers.InFlightLimits;
import io.ticketflow.worker.handlers.TicketFailure;
import io.ticketflow.worker.handlers.TicketHandler;
import io.ticketflow.outbound.AllowedHosts;
import io.ticketflow.worker.outbound.CappedBody;
import io.ticketflow.worker.outbound.HostResolver;
import io.ticketflow.worker.outbound.OutboundHttpClient;
import io.ticketflow.worker.outbound.OutboundPolicy;
import io.ticketflow.worker.outbound.OutboundRefusedException;
import io.ticketflow.worker.outbound.OutboundResponse;
import io.ticketflow.worker.outbound.OutboundTarget;
import io.ticketflow.worker.tracing.TicketTracing;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code http}: one non-blocking HTTP call to an allow-listed host, at the address {@link OutboundPolicy} checked,
 * redirects not followed; returns {@code {status, headers, body}}.
 *
 * <p>Any status, 4xx and 5xx included, is a SUCCEEDED ticket carrying that status: the call happened and its answer
 * is the result; judging it belongs to whoever submitted the ticket. Only a call that could not be made fails the
 * ticket ({@code host_not_allowed}, {@code invalid_payload}, or {@code http_call_failed}, retryable).
 *
 * <p>A ticket that times out or is cancelled resets its call ({@link OutboundHttpClient}): the connection (HTTP/1.1) or
 * stream (HTTP/2) is freed at once for the calls waiting for one, its retry among them, rather than held until the
 * server answers or {@code response-timeout} passes.
 */
@ApplicationScoped
public class HttpHandler implements TicketHandler {

    static final String CALL_FAILED = "http_call_failed";
    static final String POOL_TIMEOUT = "http_pool_timeout";
    private static final String ALLOWED_HOSTS = "ticketflow.handlers.http.allowed-hosts";

    private final HttpHandlerConfig config;
    private final OutboundPolicy policy;
    private final OutboundHttpClient client;
    private final int maxConnectionsPerHost;
    private final MeterRegistry registry;

    private final TicketTracing tracing;

    public HttpHandler(Vertx vertx, HttpHandlerConfig config, InFlightLimits limits, MeterRegistry registry,
            TicketTracing tracing) {
        this.registry = registry;
        this.tracing = tracing;
        this.config = config;
        this.policy = new OutboundPolicy(new AllowedHosts(config.allowedHosts()), ALLOWED_HOSTS,
                HostResolver.of(vertx));
        this.maxConnectionsPerHost = config.maxConnectionsPerHost().orElseGet(() -> limits.maxInFlight(type()));
        this.client = new OutboundHttpClient(vertx, config.connectTimeout(), maxConnectionsPerHost);
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @Override
    public String type() {
        return "http";
    }

    @Override
    public Uni<JsonNode> handle(TicketRecord ticket) {
        // The attempt's span is current while the handler is called, not later when its call is made.
        Context attempt = Context.current();
        return Uni.createFrom().item(() -> HttpCall.from(ticket.payload()))
                .chain(call -> policy.check(call.url())
                        .onFailure().transform(e -> e instanceof OutboundRefusedException
                                ? new TicketFailure(TicketFailure.HOST_NOT_ALLOWED, e.getMessage(), false)
                                : new TicketFailure(CALL_FAILED, "%s %s failed: %s".formatted(call.method(),
                                        call.url(), e.getMessage()), true))
                        .chain(target -> call(call, target, attempt)));
    }

    @Override
    public Optional<Duration> defaultTimeout() {
        return config.defaultTimeout();
    }

    private Uni<JsonNode> call(HttpCall call, OutboundTarget target, Context attempt) {
        CappedBody body = new CappedBody(config.maxBodyBytes());
        RequestOptions request = client.request(call.method(), target)
                .setConnectTimeout(config.maxPoolWait().toMillis())
                .setIdleTimeout(config.responseTimeout().toMillis());
        call.headers().forEach(request::putHeader);
        Span span = tracing.call(attempt, request, call.method().name(), call.url());
        return client.send(request, content(request, call.body()), body)
                .onItemOrFailure().invoke((response, failure) -> {
                    count(failure == null ? response.statusCode() / 100 + "xx"
                            : OutboundHttpClient.isPoolWait(failure) ? POOL_TIMEOUT : CALL_FAILED);
                    if (failure == null) {
                        TicketTracing.answered(span, response.statusCode());
                    } else {
                        TicketTracing.failed(span, failure);
                    }
                })
                .onCancellation().invoke(span::end)
                .onFailure().transform(e -> OutboundHttpClient.isPoolWait(e)
                        ? new TicketFailure(POOL_TIMEOUT, "%s %s: all %d connections to the host stayed busy for %d ms"
                                .formatted(call.method(), call.url(), maxConnectionsPerHost,
                                        config.maxPoolWait().toMillis()), true)
                        : new TicketFailure(CALL_FAILED,
                                "%s %s failed: %s".formatted(call.method(), call.url(), e.getMessage()), true))
                .map(response -> result(response, body));
    }

    /** @param outcome the answer's status class ({@code 2xx}), or why there was none */
    private void count(String outcome) {
        Counter.builder("ticketflow.worker.http.calls")
                .description("Calls made by the http handler, per status class of the answer or why there was none")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /** @return the body to send, null for none; a JSON body says so unless the call names its content type */
    private static Buffer content(RequestOptions request, JsonNode body) {
        if (body == null) {
            return null;
        }
        if (body.isTextual()) {
            return Buffer.buffer(body.textValue());
        }
        if (!request.getHeaders().contains(HttpHeaders.CONTENT_TYPE)) {
            request.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        }
        return Buffer.buffer(body.toString());
    }

    private static JsonNode result(OutboundResponse response, CappedBody body) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("status", response.statusCode());
        ObjectNode headers = result.putObject("headers");
        // Header names are case-insensitive: lower case gives clients one spelling to look up (as HTTP/2 does).
        response.headers().names().forEach(name -> headers.put(name.toLowerCase(Locale.ROOT),
                String.join(", ", response.headers().getAll(name))));
        result.put("body", body.text());
        if (body.truncated()) {
            result.put("truncated", true);
        }
        return result;
    }
}
