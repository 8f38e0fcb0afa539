package io.ticketflow.worker.outbound;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.WriteStream;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.mutiny.core.Vertx;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP client of every call this worker makes to a target {@link OutboundPolicy} checked, with a connection pool
 * per host sized for the calls it may have in flight (Vert.x keeps 5 by default, and the rest would queue).
 *
 * <p>A call whose Uni is cancelled (its ticket timed out or was cancelled) is reset: over HTTP/1.1 its connection is
 * closed, over HTTP/2 its stream is reset, so that its pool slot frees at once rather than when the server answers
 * or the response timeout passes. Vert.x's core client does this ({@link HttpClientRequest#reset(long)}); its web
 * client offers no way to, which is why this class uses the core one.
 *
 * <p>HTTPS speaks HTTP/2 with a server that offers it (ALPN), else HTTP/1.1. Plain HTTP stays HTTP/1.1: the only way
 * to offer HTTP/2 there is an {@code Upgrade: h2c} header on a first request, which some servers and proxies answer
 * by closing the connection.
 */
public final class OutboundHttpClient {

    /**
     * Concurrent streams an HTTP/2 server allows per connection, at least (RFC 9113 recommends no fewer than 100):
     * enough connections are allowed for every call to get a stream.
     */
    private static final int STREAMS_PER_CONNECTION = 100;
    /** RFC 9113's error code for a stream no longer needed; HTTP/1.1 has no codes, its connection is closed. */
    private static final long HTTP2_CANCEL = 0x8;
    private static final String USER_AGENT = "ticketflow-worker";
    private static final String POOL_WAIT_MESSAGE = "exceeded when getting a connection";

    private final HttpClient plain;
    private final HttpClient tls;

    public OutboundHttpClient(Vertx vertx, Duration connectTimeout, int maxConnectionsPerHost) {
        PoolOptions pool = new PoolOptions()
                .setHttp1MaxSize(maxConnectionsPerHost)
                .setHttp2MaxSize(Math.ceilDiv(maxConnectionsPerHost, STREAMS_PER_CONNECTION));
        this.plain = vertx.getDelegate().createHttpClient(options(connectTimeout), pool);
        this.tls = vertx.getDelegate().createHttpClient(options(connectTimeout)
                .setUseAlpn(true)
                // ALPN picks the protocol; this makes HTTP/2 calls share connections by the HTTP/2 pool size above
                // rather than open one each (HttpVersionTest).
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1)), pool);
    }

    private static HttpClientOptions options(Duration connectTimeout) {
        return new HttpClientOptions()
                .setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()))
                // Traced by hand (TicketTracing): under the ticket's attempt, whatever Vert.x context the call runs on.
                .setTracingPolicy(TracingPolicy.IGNORE);
    }

    /**
     * A request to the checked address of {@code target}, naming its host in the Host header and TLS SNI, so that
     * the name is not resolved again: what {@link OutboundPolicy} checked is what is reached. Redirects are not
     * followed (one could lead outside the allow-list).
     */
    public RequestOptions request(HttpMethod method, OutboundTarget target) {
        return new RequestOptions()
                .setMethod(method)
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.secure())
                .setURI(target.requestTarget())
                // Some APIs refuse a call without one; a ticket's own headers replace it.
                .putHeader(HttpHeaders.USER_AGENT, USER_AGENT);
    }

    /**
     * Sends {@code request}, its body piped into {@code body}; cancelling the Uni resets the call.
     *
     * @param content the request's body; null for none
     * @return the answer once its body has ended
     */
    public Uni<OutboundResponse> send(RequestOptions request, Buffer content, WriteStream<Buffer> body) {
        return Uni.createFrom().deferred(() -> {
            Exchange exchange = new Exchange();
            return Uni.createFrom().<OutboundResponse>emitter(emitter -> (request.isSsl() ? tls : plain)
                            .request(request)
                            .compose(sent -> exchange.started(sent) ? send(sent, content)
                                    : Future.failedFuture(new CancellationException("cancelled before it was sent")))
                            .compose(response -> response.pipeTo(body)
                                    .map(ended -> new OutboundResponse(response.statusCode(), response.headers())))
                            .onComplete(result -> {
                                if (result.succeeded()) {
                                    emitter.complete(result.result());
                                } else {
                                    emitter.fail(result.cause());
                                }
                            }))
                    .onCancellation().invoke(exchange::cancel);
        });
    }

    private static Future<HttpClientResponse> send(HttpClientRequest request, Buffer content) {
        return content == null ? request.send() : request.send(content);
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

    /**
     * One call's request, once it has a connection, and whether the call was cancelled: a call cancelled while it
     * waits for a connection is reset as soon as it gets one, else it would hold that connection unanswered.
     */
    private static final class Exchange {

        private HttpClientRequest request;
        private boolean cancelled;

        /** @return false if the call was cancelled already, its request then reset */
        boolean started(HttpClientRequest started) {
            synchronized (this) {
                if (!cancelled) {
                    request = started;
                    return true;
                }
            }
            started.reset(HTTP2_CANCEL);
            return false;
        }

        void cancel() {
            HttpClientRequest started;
            synchronized (this) {
                cancelled = true;
                started = request;
            }
            if (started != null) {
                started.reset(HTTP2_CANCEL);
            }
        }
    }
}
