package io.ticketflow.worker.testhandlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.worker.handlers.BlockingTicketHandler;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code trace-id}, for tests: blocking code that answers the trace and span ids current on its thread. */
@ApplicationScoped
public class TraceIdHandler implements BlockingTicketHandler {

    @Override
    public String type() {
        return "trace-id";
    }

    @Override
    public JsonNode handle(TicketRecord ticket) {
        SpanContext current = Span.current().getSpanContext();
        return TextNode.valueOf(current.getTraceId() + "-" + current.getSpanId());
    }
}
