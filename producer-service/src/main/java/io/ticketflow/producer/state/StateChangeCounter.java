package io.ticketflow.producer.state;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ticketflow.contract.TicketState;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts the state machine's decisions that change a ticket's status, by type and status. They are counted where they
 * are decided, so each change counts once across all instances (each ticket has one writer) and a replayed input,
 * which decides nothing new, counts nothing. Counting where the view applies them would count every change once per
 * instance, and again whenever a view is rebuilt.
 */
@ApplicationScoped
public class StateChangeCounter {

    private final MeterRegistry registry;

    public StateChangeCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    void changed(TicketState state) {
        Counter.builder("ticketflow.state.changes")
                .description("Status changes decided by the state machine, per ticket type and new status")
                .tags("type", ViewKeys.typeOf(state), "status", state.status().name())
                .register(registry)
                .increment();
    }
}
