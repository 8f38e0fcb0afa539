package io.ticketflow.worker.handlers.llm;

import io.ticketflow.worker.outbound.CappedBody;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Where a chat completion's response is piped, as it arrives. It keeps the first {@code maxBytes} (a whole answer, or
 * an error's body) and, for a streamed answer, hands each server-sent event's data to {@code events} as soon as the
 * event is complete. Lines are cut at their newline byte, which never occurs inside a multi-byte UTF-8 character, so a
 * character split between two chunks is decoded whole. Written to by one event loop only.
 */
final class ChatBody extends CappedBody {

    private final int maxBytes;
    private final Consumer<String> events;
    private Buffer line = Buffer.buffer();
    private final StringBuilder data = new StringBuilder();

    /** @param events takes the data of each event; {@code null} when the answer is not streamed */
    ChatBody(int maxBytes, Consumer<String> events) {
        super(maxBytes);
        this.maxBytes = maxBytes;
        this.events = events;
    }

    @Override
    public Future<Void> write(Buffer chunk) {
        if (events != null) {
            split(chunk);
        }
        return super.write(chunk);
    }

    private void split(Buffer chunk) {
        int start = 0;
        for (int i = 0; i < chunk.length(); i++) {
            if (chunk.getByte(i) == '\n') {
                line.appendBuffer(chunk, start, i - start);
                line(line.toString(StandardCharsets.UTF_8));
                line = Buffer.buffer();
                start = i + 1;
            }
        }
        if (line.length() + chunk.length() - start > maxBytes) {
            // One line larger than a whole answer may be is no chat completion chunk: the rest of it is dropped.
            return;
        }
        line.appendBuffer(chunk, start, chunk.length() - start);
    }

    /** The event stream format (WHATWG HTML, server-sent events): data lines, until a blank line ends the event. */
    private void line(String text) {
        String field = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        if (field.isEmpty()) {
            if (!data.isEmpty()) {
                events.accept(data.toString());
                data.setLength(0);
            }
        } else if (field.startsWith("data:")) {
            if (!data.isEmpty()) {
                data.append('\n');
            }
            data.append(field, field.startsWith("data: ") ? 6 : 5, field.length());
        }
    }
}
