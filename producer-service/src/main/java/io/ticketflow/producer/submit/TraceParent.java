package io.ticketflow.producer.submit;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The submit request's span, as the W3C {@code traceparent} header names it: the POST answers it, and its trace id
 * stands in the ticket (and so in its view), tying REST, Kafka, the worker, callbacks and the trace together.
 */
record TraceParent(SpanContext span) {

    static final String HEADER = "traceparent";

    /** The span of the request being handled; call it on the request's own context, before any asynchronous step. */
    static TraceParent current() {
        return new TraceParent(Span.current().getSpanContext());
    }

    /** @return null when tracing is off */
    String traceId() {
        return span.isValid() ? span.getTraceId() : null;
    }

    /** @return null when tracing is off */
    String header() {
        return span.isValid()
                ? "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex()
                : null;
    }
}
