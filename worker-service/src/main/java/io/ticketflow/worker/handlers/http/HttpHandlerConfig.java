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

    /** Time limit of an http ticket without {@code timeoutMs}. Default: none, so ticketflow.worker.default-timeout. */
    Optional<Duration> defaultTimeout();
}
