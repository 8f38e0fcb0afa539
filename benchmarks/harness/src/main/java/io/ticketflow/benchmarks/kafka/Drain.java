package io.ticketflow.benchmarks.kafka;

/**
 * How a batch of preloaded tickets was worked off.
 *
 * @param tickets       how many reached a terminal state
 * @param firstMicros   when the first of them started (epoch microseconds)
 * @param lastMicros    when the last terminal result was written
 * @param peakInFlight  the most tickets running at the same moment, from their startedAt and finishedAt
 */
public record Drain(int tickets, long firstMicros, long lastMicros, int peakInFlight) {

    public double seconds() {
        return Math.max(1, lastMicros - firstMicros) / 1e6;
    }

    public double ticketsPerSecond() {
        return tickets / seconds();
    }
}
