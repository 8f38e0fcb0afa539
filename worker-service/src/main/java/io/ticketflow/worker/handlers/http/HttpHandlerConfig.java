package io.ticketflow.worker.handlers.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the {@code http} handler. */
@ConfigMapping(prefix = "ticketflow.handlers.http")
public interface HttpHandlerConfig {

    /**
     * The only hosts a ticket may call: names or IP literals, compared case-insensitively with the url's host.
     * Anything else fails with {@code host_not_allowed} before a connection is opened, so tickets cannot reach
     * internal services by default.
     */
    @WithDefault("localhost,127.0.0.1")
    List<String> allowedHosts();

    /** How much of a response body the result keeps; the rest is read and dropped, and the result says truncated. */
    @WithDefault("65536")
    int maxBodyBytes();

    @WithDefault("5S")
    Duration connectTimeout();

    /** A call whose server sends nothing for this long is aborted. */
    @WithDefault("30S")
    Duration responseTimeout();

    /**
     * Connections kept open to one host (scheme, host and port). Default: as many as http tickets may run at once
     * ({@code ticketflow.handlers.http.max-in-flight}, else {@code ticketflow.worker.max-in-flight}), so that no call
     * waits for a connection another ticket holds. Lower it for a server that limits connections per client; calls
     * beyond it wait for a free one, up to {@link #maxPoolWait()}.
     */
    Optional<Integer> maxConnectionsPerHost();

    /**
     * How long a call may wait for a connection to its host (counted from the call, so it includes opening one: keep
     * it above {@link #connectTimeout()}). Past it the ticket fails with {@code http_pool_timeout}, retryable, rather
     * than spend its own time limit queueing and fail as a {@code timeout} of the server.
     */
    @WithDefault("10S")
    Duration maxPoolWait();

    /** Time limit of an http ticket without {@code timeoutMs}. Default: none, so ticketflow.worker.default-timeout. */
    Optional<Duration> defaultTimeout();
}
