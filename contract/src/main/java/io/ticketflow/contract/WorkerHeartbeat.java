package io.ticketflow.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A worker instance announcing itself: the value of a record on {@code worker-heartbeats}, keyed by {@link #worker()};
 * sent every few seconds, and a tombstone (null value) when the worker stops cleanly. Schema:
 * {@code schemas/worker-heartbeat.schema.json}.
 *
 * @param worker   the name the worker writes in its results' {@code worker} field
 * @param types    the ticket types its handlers serve
 * @param inFlight tickets running on it now
 * @param limit    how many it runs at most ({@code ticketflow.worker.max-in-flight})
 * @param at       when it was sent: a reader counts a worker gone once this is older than a few intervals
 * @param interval how often the worker sends one, in milliseconds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkerHeartbeat(String worker, List<String> types, int inFlight, int limit, Instant at, long interval) {
}
