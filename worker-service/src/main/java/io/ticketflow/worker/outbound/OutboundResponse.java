package io.ticketflow.worker.outbound;

import io.vertx.core.MultiMap;

/** The answer to an outbound call, its body already piped where the call said. */
public record OutboundResponse(int statusCode, MultiMap headers) {
}
