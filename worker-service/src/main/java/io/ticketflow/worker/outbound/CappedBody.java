package io.ticketflow.worker.outbound;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

import java.nio.charset.StandardCharsets;

/**
 * Where a response body is piped: it keeps the first bytes and drops the rest, so that a huge response costs its
 * cap in memory, not its size, even with hundreds of calls in flight. Written to by one event loop only. A subclass
 * may read the chunks as they arrive too (the llm handler's server-sent events).
 */
public class CappedBody implements WriteStream<Buffer> {

    private final int maxBytes;
    private final Buffer kept = Buffer.buffer();
    private boolean truncated;

    public CappedBody(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The kept bytes as UTF-8; a multi-byte character cut at the cap becomes a replacement character. */
    public String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }

    public boolean truncated() {
        return truncated;
    }

    @Override
    public Future<Void> write(Buffer data) {
        int room = maxBytes - kept.length();
        if (data.length() > room) {
            truncated = true;
            kept.appendBuffer(data, 0, room);
        } else {
            kept.appendBuffer(data);
        }
        return Future.succeededFuture();
    }

    @Override
    public void write(Buffer chunk, Handler<AsyncResult<Void>> handler) {
        write(chunk).onComplete(handler);
    }

    @Override
    public void end(Handler<AsyncResult<Void>> handler) {
        if (handler != null) {
            handler.handle(Future.succeededFuture());
        }
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return false;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        return this;
    }
}
