package io.ticketflow.worker.tracing;

import org.jboss.logging.MDC;

/**
 * Puts {@code ticketId} and {@code traceId} in the MDC of a log line about a ticket, for that line only. The pipeline
 * handles thousands of tickets on a few event-loop threads, one step at a time, so no MDC set for one ticket may
 * outlive the step that logs: it is set and restored around the call (on a Vert.x duplicated context Quarkus keeps
 * the MDC in the context's locals, elsewhere in the thread's), and what was there before, such as the current span's
 * {@code traceId} that Quarkus OpenTelemetry puts, is put back.
 */
public final class TicketMdc {

    public static final String TICKET_ID = "ticketId";
    public static final String TRACE_ID = "traceId";

    private TicketMdc() {
    }

    /** @param traceId null when the ticket has none */
    public static void log(String ticketId, String traceId, Runnable line) {
        Object ticketBefore = MDC.get(TICKET_ID);
        Object traceBefore = MDC.get(TRACE_ID);
        MDC.put(TICKET_ID, ticketId);
        if (traceId != null) {
            MDC.put(TRACE_ID, traceId);
        }
        try {
            line.run();
        } finally {
            restore(TICKET_ID, ticketBefore);
            restore(TRACE_ID, traceBefore);
        }
    }

    private static void restore(String key, Object before) {
        if (before == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, before);
        }
    }
}
