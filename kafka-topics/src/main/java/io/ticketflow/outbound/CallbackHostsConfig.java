package io.ticketflow.outbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

/**
 * The hosts callbacks may be posted to, read by both services: the producer refuses any other {@code callbackUrl}
 * with a 400 at submit, the worker posts to no other (and checks the address it connects to).
 */
@ConfigMapping(prefix = "ticketflow.callbacks")
public interface CallbackHostsConfig {

    /**
     * Host names or IP literals, {@code *.example.com} or {@code *} ({@link AllowedHosts}). Separate from the http
     * handler's list: receiving results and being called by tickets are different permissions.
     */
    @WithDefault("localhost,127.0.0.1")
    List<String> allowedHosts();
}
