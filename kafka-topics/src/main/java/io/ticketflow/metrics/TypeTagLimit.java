package io.ticketflow.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Ticket types come from whoever writes a ticket, so a {@code type} tag could grow without bound: past
 * {@link #MAX_TYPES} distinct types a {@code ticketflow_} meter gets no further series (the first ones keep counting).
 * Both services' meters follow the same rule.
 */
@Singleton
public class TypeTagLimit {

    public static final int MAX_TYPES = 100;

    @Produces
    @Singleton
    MeterFilter boundedTypes() {
        return MeterFilter.maximumAllowableTags("ticketflow", "type", MAX_TYPES, MeterFilter.deny());
    }
}
