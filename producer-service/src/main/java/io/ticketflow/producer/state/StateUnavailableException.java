package io.ticketflow.producer.state;

import org.apache.kafka.streams.KafkaStreams;

/** This instance cannot read ticket state now (starting, restoring, or its streams failed): retry, or ask another. */
public class StateUnavailableException extends RuntimeException {

    public StateUnavailableException(KafkaStreams.State state, Throwable cause) {
        super("Ticket state is not available on this instance yet (" + state + "); retry later", cause);
    }
}
