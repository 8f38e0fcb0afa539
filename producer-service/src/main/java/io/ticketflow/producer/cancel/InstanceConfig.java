package io.ticketflow.producer.cancel;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** Who this producer instance is, in the records it writes for the workers' part. */
@ConfigMapping(prefix = "ticketflow.instance")
public interface InstanceConfig {

    /**
     * Written as {@code producer:<id>} in the {@code worker} field of the CANCELLED results this instance
     * publishes. Default: {@code <hostname>-<pid>}.
     */
    Optional<String> id();
}
