package io.ticketflow.worker.outbound;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The web client of every call this worker makes to a target {@link OutboundPolicy} checked, with a connection pool
 * per host sized for the calls it may have in flight (Vert.x keeps 5 by default, and the rest would queue).
 *
 * <p>HTTPS speaks HTTP/2 with a server that offers it (ALPN), else HTTP/1.1. Plain HTTP stays HTTP/1.1: the only way
 * to offer HTTP/2 there is an {@code Upgrade: h2c} header on a first request, which some servers and proxies answer
 * by closing the connection.
 */
public final class OutboundWebClient {

    /**
     * Concurrent streams an HTTP/2 server allows per connection, at least (RFC 9113 recommends no fewer than 100):
     * enough connections are allowed for every call to get a stream.
     */
    private static final int STREAMS_PER_CONNECTION = 100;
    private static final String POOL_WAIT_MESSAGE = "exceeded when getting a connection";

    private final WebClient plain;
    private final WebClient tls;

    public OutboundWebClient(Vertx vertx, Duration connectTimeout, int maxConnectionsPerHost) {
        this.plain = WebClient.create(vertx, options(connectTimeout, maxConnectionsPerHost));
        this.tls = WebClient.create(vertx, options(connectTimeout, maxConnectionsPerHost)
                .setUseAlpn(true)
                // ALPN picks the protocol; this makes HTTP/2 calls share connections by the HTTP/2 pool size below
                // rather than open one each (HttpVersionTest).
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1)));
    }

    private static WebClientOptions options(Duration connectTimeout, int maxConnectionsPerHost) {
        return new WebClientOptions()
                .setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()))
                // A redirect could lead outside the allow-list.
                .setFollowRedirects(false)
                // Traced by hand (TicketTracing): under the ticket's attempt, whatever Vert.x context the call runs on.
                .setTracingPolicy(TracingPolicy.IGNORE)
                .setMaxPoolSize(maxConnectionsPerHost)
                .setHttp2MaxPoolSize(Math.ceilDiv(maxConnectionsPerHost, STREAMS_PER_CONNECTION));
    }

    /**
     * A request to the checked address of {@code target}, naming its host in the Host header and TLS SNI (Vert.x's
     * virtual host), so that the name is not resolved again: what {@link OutboundPolicy} checked is what is reached.
     */
    public HttpRequest<Buffer> request(HttpMethod method, OutboundTarget target) {
        return (target.secure() ? tls : plain)
                .request(method, target.port(), target.address().getHostAddress(), target.requestTarget())
                .virtualHost(target.host())
                .ssl(target.secure());
    }

    /**
     * Whether a call failed because every pooled connection to its host stayed busy for the request's
     * {@code connectTimeout}: Vert.x fails the call with a TimeoutException saying so, before any byte was sent.
     */
    public static boolean isPoolWait(Throwable failure) {
        return failure instanceof TimeoutException && failure.getMessage() != null
                && failure.getMessage().contains(POOL_WAIT_MESSAGE);
    }

    public void close() {
        plain.close();
        tls.close();
    }
}
