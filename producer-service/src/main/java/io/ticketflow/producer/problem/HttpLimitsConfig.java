package io.ticketflow.producer.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on incoming requests. */
@ConfigMapping(prefix = "ticketflow.http")
public interface HttpLimitsConfig {

    /** The one request that takes {@link #maxBatchBodySize()}. */
    String BATCH_PATH = "/tickets/batch";

    /**
     * The largest request body accepted; larger ones get a 413. Also feeds {@code quarkus.http.limits.max-body-size}
     * (see application.properties), which catches bodies sent without a Content-Length.
     *
     * <p>Half of Kafka's default 1 MiB record limit: the ticket record is the body re-serialized plus under 1 KiB,
     * re-serializing can grow a body (numbers such as {@code 1e-7} are written as {@code 1.0E-7}), and the worker's
     * result of an {@code echo} ticket carries the payload again. Raise it only with the brokers' and clients'
     * {@code max.request.size}/{@code message.max.bytes} and the worker's {@code ticketflow.worker.max-ticket-bytes}.
     */
    @WithDefault("512K")
    MemorySize maxBodySize();

    /**
     * The largest body of {@code POST /tickets/batch} (its tickets each still have to fit a Kafka record). Also the
     * value of {@code quarkus.http.limits.max-body-size}, the largest of all; {@link RequestLimitsGuard} holds every
     * other request to {@link #maxBodySize()}.
     */
    @WithDefault("8M")
    MemorySize maxBatchBodySize();

    /**
     * The longest request URI (path and query) accepted; longer ones get a 414. Vert.x's own limit on the request line
     * ({@code quarkus.http.limits.max-initial-line-length}, set to 64K) answers beyond that with an empty 414.
     */
    @WithDefault("4096")
    int maxUriLength();

    /**
     * The longest value of any one request header, in characters; a longer one is a 400 naming the header. Vert.x's
     * limit on all headers together ({@code quarkus.http.limits.max-header-size}, set to 64K) answers beyond that
     * with an empty 431.
     */
    @WithDefault("8192")
    int maxHeaderValueLength();
}
