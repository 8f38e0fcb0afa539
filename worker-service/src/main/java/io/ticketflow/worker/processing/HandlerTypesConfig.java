package io.ticketflow.worker.processing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

import java.util.Map;
import java.util.OptionalInt;

/** Settings every ticket type may have, beside its handler's own ({@code ticketflow.handlers.http.*}). */
@ConfigMapping(prefix = "ticketflow.handlers")
public interface HandlerTypesConfig {

    /** By ticket type: {@code ticketflow.handlers.<type>.*}. */
    @WithParentName
    Map<String, TypeSettings> types();

    interface TypeSettings {

        /**
         * How many tickets of the type run at once on this worker, at most. Default: no limit of its own, only
         * {@code ticketflow.worker.max-in-flight}. A ticket of a type at its limit waits without holding one of the
         * worker's slots, so a slow type cannot take every slot from the others (TypeConcurrency).
         */
        OptionalInt maxInFlight();
    }
}
