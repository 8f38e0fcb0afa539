package io.ticketflow.contract;

/**
 * Consumer groups that others look at from outside the service that joins them: the producer measures the queue of
 * tickets as this group's lag, and tools and tests read its offsets. The worker's configuration
 * ({@code mp.messaging.incoming.tickets.group.id}) joins it under this name by default.
 */
public final class ConsumerGroups {

    /** The workers' group on {@code tickets}. */
    public static final String WORKER = "ticketflow-worker";

    private ConsumerGroups() {
    }
}
