package io.ticketflow.worker.handlers;

/**
 * How many tickets of a type may run at once on this worker ({@code ticketflow.handlers.<type>.max-in-flight}, else
 * {@code ticketflow.worker.max-in-flight}), for a handler that sizes its resources by it (connection pools).
 */
public interface InFlightLimits {

    int maxInFlight(String type);
}
