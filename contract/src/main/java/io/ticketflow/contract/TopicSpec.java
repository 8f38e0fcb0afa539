package io.ticketflow.contract;

import java.util.Map;

/** A topic as the services want it: name, partitions, replication and topic-level configuration. */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> config) {
}
