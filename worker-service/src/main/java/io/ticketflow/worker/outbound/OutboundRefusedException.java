package io.ticketflow.worker.outbound;

/** A call this worker must not make: its host is not allowed, or resolves to an address it may not reach. */
public class OutboundRefusedException extends RuntimeException {

    public OutboundRefusedException(String message) {
        super(message);
    }
}
