package io.ticketflow.worker.callback;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How decided terminal states are posted to tickets' {@code callbackUrl}; where they may be posted is
 * {@code ticketflow.callbacks.allowed-hosts}, defined once for both services (CallbackHostsConfig), as the producer
 * refuses other hosts at submit. The longest a callback can take (every POST timing out, the longest backoff between
 * each two) sets how long the ticket-state channel tolerates an un-acked record (CallbackChannelSettings).
 */
@ConfigMapping(prefix = "ticketflow.callbacks")
public interface CallbackConfig {

    /**
     * The keys of the {@code webhook-signature} header (Standard Webhooks), each written {@code whsec_<base64>}: the
     * current one first, and while receivers move to it the one before it, so that callbacks carry both signatures.
     * No default: set it in production. Without it callbacks go unsigned, and a warning says so once.
     */
    Optional<List<String>> secrets();

    /** POSTs per callback, the first included; a non-2xx answer or a failed connection is tried again. */
    @WithDefault("5")
    int maxAttempts();

    /** Wait after the first failed POST, doubled (with jitter) after each further one. */
    @WithDefault("1S")
    Duration initialBackoff();

    @WithDefault("1M")
    Duration maxBackoff();

    @WithDefault("5S")
    Duration connectTimeout();

    /**
     * A POST whose server sends nothing for this long fails; so does one not answered in full within
     * connect-timeout + response-timeout, however steadily its server trickles.
     */
    @WithDefault("10S")
    Duration responseTimeout();

    /**
     * How many callbacks this instance delivers at once, each on the event loop without a thread. Beyond it, decided
     * states wait in Kafka; the ticket-state channel's prefetch is derived from it (CallbackChannelSettings).
     */
    @WithDefault("256")
    int maxConcurrent();
}
