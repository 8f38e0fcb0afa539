package io.ticketflow.worker.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.ticketflow.contract.TicketRecord;
import io.vertx.core.http.RequestOptions;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.net.URI;

/**
 * One trace per ticket on the worker's side. The Kafka connector opens a receive span for every record, as a child of
 * the record's {@code traceparent} (the submit's trace) or, for a record without one (written with the console), as
 * the root of a new trace. Under it each attempt gets a span, under which the {@code http} handler's call and the
 * results, retries and callbacks of the ticket are traced; outgoing HTTP calls carry {@code traceparent}.
 */
@Singleton
public class TicketTracing {

    static final AttributeKey<String> TICKET_ID = AttributeKey.stringKey("ticketflow.ticket.id");
    static final AttributeKey<String> TICKET_TYPE = AttributeKey.stringKey("ticketflow.ticket.type");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("ticketflow.attempt");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("ticketflow.outcome");
    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> URL = AttributeKey.stringKey("url.full");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public TicketTracing(Tracer tracer, OpenTelemetry openTelemetry) {
        this.tracer = tracer;
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** The trace a record came with, as its receive span; the root context when tracing is off. */
    public static Context of(Message<?> incoming) {
        return TracingMetadata.fromMessage(incoming).map(TracingMetadata::getCurrentContext).orElse(Context.root());
    }

    /** @return the context's trace id; null when it has no valid span */
    public static String traceId(Context context) {
        var span = Span.fromContext(context).getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }

    /** The message, written under {@code context}: its record's {@code traceparent} names that span. */
    public static <T> Message<T> under(Message<T> message, Context context) {
        return message.addMetadata(TracingMetadata.withCurrent(context));
    }

    /** A span for one attempt of the ticket; end it with {@link #ended}. */
    public Context attempt(Context parent, TicketRecord ticket) {
        Span span = tracer.spanBuilder("ticket " + ticket.type())
                .setParent(parent)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(TICKET_ID, ticket.id())
                .setAttribute(TICKET_TYPE, ticket.type())
                .setAttribute(ATTEMPT, (long) ticket.attemptNumber())
                .startSpan();
        return parent.with(span);
    }

    /** @param outcome how the attempt ended: succeeded, failed, retrying, cancelled, or abandoned */
    public static void ended(Context attempt, String outcome) {
        Span span = Span.fromContext(attempt);
        span.setAttribute(OUTCOME, outcome);
        if (!outcome.equals("succeeded") && !outcome.equals("cancelled")) {
            span.setStatus(StatusCode.ERROR, outcome);
        }
        span.end();
    }

    /**
     * A client span for an outgoing call made under {@code parent}, its {@code traceparent} put on the request. End it
     * with {@link #answered} or {@link #failed}.
     */
    public Span call(Context parent, RequestOptions request, String method, URI url) {
        Span span = tracer.spanBuilder(method)
                .setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(METHOD, method)
                .setAttribute(URL, url.toString())
                .startSpan();
        propagator.inject(parent.with(span), request, (carrier, name, value) -> carrier.putHeader(name, value));
        return span;
    }

    public static void answered(Span call, int status) {
        call.setAttribute(STATUS, (long) status);
        if (status >= 500) {
            call.setStatus(StatusCode.ERROR);
        }
        call.end();
    }

    public static void failed(Span call, Throwable failure) {
        call.recordException(failure);
        call.setStatus(StatusCode.ERROR, failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage());
        call.end();
    }
}
