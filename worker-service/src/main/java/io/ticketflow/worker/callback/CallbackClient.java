package io.ticketflow.worker.callback;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.ticketflow.outbound.AllowedHosts;
import io.ticketflow.outbound.CallbackHostsConfig;
import io.ticketflow.worker.outbound.CappedBody;
import io.ticketflow.worker.outbound.HostResolver;
import io.ticketflow.worker.outbound.OutboundHttpClient;
import io.ticketflow.worker.outbound.OutboundPolicy;
import io.ticketflow.worker.outbound.OutboundRefusedException;
import io.ticketflow.worker.outbound.OutboundTarget;
import io.ticketflow.worker.tracing.TicketTracing;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** One non-blocking POST of a callback; any answer but 2xx is a failure. */
@ApplicationScoped
class CallbackClient {

    static final String TICKET_ID_HEADER = "X-Ticket-Id";

    private final CallbackConfig config;
    private final OutboundPolicy policy;
    private final OutboundHttpClient client;
    private final Duration longestPost;
    private final TicketTracing tracing;

    CallbackClient(Vertx vertx, CallbackConfig config, CallbackHostsConfig hosts, TicketTracing tracing) {
        this.config = config;
        this.tracing = tracing;
        this.policy = new OutboundPolicy(new AllowedHosts(hosts.allowedHosts()), "ticketflow.callbacks.allowed-hosts",
                HostResolver.of(vertx));
        this.client = new OutboundHttpClient(vertx, config.connectTimeout(), config.maxConcurrent());
        this.longestPost = longestPost(config);
    }

    /**
     * The idle timeout alone would let a server that trickles its answer hold a POST, and with it the state record,
     * for ever; the channel's health settings rely on this bound.
     */
    static Duration longestPost(CallbackConfig config) {
        return config.connectTimeout().plus(config.responseTimeout());
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * Fails with {@link OutboundRefusedException} when the URL's host is not allowed or resolves to an address it
     * may not reach: no retry changes that.
     */
    Uni<Void> post(URI url, String ticketId, byte[] body, Map<String, String> webhookHeaders, Context trace) {
        return policy.check(url).chain(target -> post(url, target, ticketId, body, webhookHeaders, trace));
    }

    private Uni<Void> post(URI url, OutboundTarget target, String ticketId, byte[] body,
            Map<String, String> webhookHeaders, Context trace) {
        // The answer's body is of no use: it is dropped as it arrives rather than buffered, whatever its size.
        RequestOptions request = client.request(HttpMethod.POST, target)
                .setIdleTimeout(config.responseTimeout().toMillis())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(TICKET_ID_HEADER, ticketId);
        webhookHeaders.forEach(request::putHeader);
        Span span = tracing.call(trace, request, HttpMethod.POST.name(), url);
        return client.send(request, Buffer.buffer(body), new CappedBody(0))
                .ifNoItem().after(longestPost).failWith(() -> new CallbackFailedException(
                        "no complete answer within " + longestPost.toMillis() + " ms"))
                .onFailure().invoke(failure -> TicketTracing.failed(span, failure))
                // A delivery abandoned (the worker stopping) still ends its span, so the trace is complete.
                .onCancellation().invoke(span::end)
                .map(response -> {
                    TicketTracing.answered(span, response.statusCode());
                    if (response.statusCode() / 100 != 2) {
                        throw new CallbackFailedException("the receiver answered HTTP " + response.statusCode());
                    }
                    return null;
                });
    }
}
