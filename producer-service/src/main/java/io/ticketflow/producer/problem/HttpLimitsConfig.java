package io.ticketflow.producer.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on incoming requests. */
@ConfigMapping(prefix = "ticketflow.http")
public interface HttpLimitsConfig {

    /**
     * The largest request body accepted; larger ones get a 413. Also feeds {@code quarkus.http.limits.max-body-size}
     * (see application.properties), which catches bodies sent without a Content-Length.
     */
    @WithDefault("1M")
    MemorySize maxBodySize();
}
