package io.ticketflow.producer.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Per-owner limits on submissions. An owner's limit is, setting by setting, its entry under {@code owners}, else
 * the most generous entry of its roles under {@code roles}, else the default.
 */
@ConfigMapping(prefix = "ticketflow.limits")
public interface LimitsConfig {

    @WithName("default")
    Defaults defaults();

    /** By role (a key's roles, a JWT's groups). */
    Map<String, Entry> roles();

    /** By owner (a key's owner, a JWT's sub). */
    Map<String, Entry> owners();

    /** What a 429 quota-exceeded tells the client to wait: tickets finish at their own pace. */
    @WithDefault("5S")
    Duration quotaRetryAfter();

    interface Defaults {

        /** Submissions per {@link #per()}: the token bucket refills this many per period, and holds as many. */
        @WithDefault("100")
        long submits();

        @WithDefault("1S")
        Duration per();

        /** Tickets of one owner queued, running or waiting to retry at once; more are refused. */
        @WithDefault("10000")
        long maxUnfinished();
    }

    interface Entry {

        OptionalLong submits();

        Optional<Duration> per();

        OptionalLong maxUnfinished();
    }
}
