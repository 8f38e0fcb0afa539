package io.ticketflow.producer.problem;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a body sent without Content-Length up to the size limit, before the REST layer sees it. Quarkus measures
 * such a body only while the resource reads it and then answers an empty 413 that no exception mapper can reach;
 * read here, an oversized body gets a problem document, and one within the limit is handed to the REST layer
 * (see {@link BufferedBodyFilter}). Only a client that does not announce its length pays for the buffering.
 */
final class UnannouncedBody {

    /** Where a body read here waits for {@link BufferedBodyFilter}. */
    static final String KEY = UnannouncedBody.class.getName();

    private final RoutingContext context;
    private final long limit;
    private final Runnable tooLarge;
    private final Buffer body = Buffer.buffer();
    private long discarded;
    private boolean rejected;

    private UnannouncedBody(RoutingContext context, long limit, Runnable tooLarge) {
        this.context = context;
        this.limit = limit;
        this.tooLarge = tooLarge;
    }

    /** Calls {@code context.next()} with the body stored under {@link #KEY}, or {@code tooLarge} past the limit. */
    static void read(RoutingContext context, long limit, Runnable tooLarge) {
        UnannouncedBody reader = new UnannouncedBody(context, limit, tooLarge);
        HttpServerRequest request = context.request();
        request.handler(reader::chunk);
        request.endHandler(ignored -> reader.end());
        request.exceptionHandler(context::fail);
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            context.response().writeContinue();
        }
        request.resume();
    }

    private void chunk(Buffer chunk) {
        if (rejected) {
            // Drained rather than cut off at once, so that the client reads the 413 instead of a reset; bounded.
            discarded += chunk.length();
            if (discarded > limit) {
                context.request().connection().close();
            }
            return;
        }
        if (body.length() + chunk.length() > limit) {
            rejected = true;
            tooLarge.run();
            return;
        }
        body.appendBuffer(chunk);
    }

    private void end() {
        if (rejected) {
            context.request().connection().close();
            return;
        }
        context.put(KEY, body);
        context.next();
    }
}
