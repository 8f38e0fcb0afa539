package io.ticketflow.topics;

import io.ticketflow.contract.Topics;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Map;
import java.util.Set;

/**
 * The default topic names, {@code ticketflow.topics.<topic>.name}, taken from the contract's {@link Topics}: each name
 * is written once, there, and every service, test and tool that names a topic uses it. Any other source (a service's
 * application.properties, the environment) overrides them.
 */
public class TopicNameDefaults implements ConfigSource {

    private static final Map<String, String> NAMES = Map.of(
            "ticketflow.topics.tickets.name", Topics.TICKETS,
            "ticketflow.topics.tickets-high.name", Topics.TICKETS_HIGH,
            "ticketflow.topics.tickets-low.name", Topics.TICKETS_LOW,
            "ticketflow.topics.results.name", Topics.RESULTS,
            "ticketflow.topics.state.name", Topics.STATE,
            "ticketflow.topics.retries.name", Topics.RETRIES,
            "ticketflow.topics.commands.name", Topics.COMMANDS,
            "ticketflow.topics.dead-letter.name", Topics.DEAD_LETTERS,
            "ticketflow.topics.heartbeats.name", Topics.HEARTBEATS);

    @Override
    public Set<String> getPropertyNames() {
        return NAMES.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return NAMES.get(propertyName);
    }

    @Override
    public String getName() {
        return "ticketflow-topic-names";
    }

    /** Below every other source, META-INF/microprofile-config.properties (100) included. */
    @Override
    public int getOrdinal() {
        return 50;
    }
}
