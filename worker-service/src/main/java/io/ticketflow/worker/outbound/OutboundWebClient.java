package io.ticketflow.worker.outbound;

import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

import java.time.Duration;

/** The web client of every call this worker makes to a host of an {@link AllowedHosts} list. */
public final class OutboundWebClient {

    private OutboundWebClient() {
    }

    public static WebClient create(Vertx vertx, Duration connectTimeout) {
        return WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()))
                // A redirect could lead outside the allow-list.
                .setFollowRedirects(false));
    }
}
