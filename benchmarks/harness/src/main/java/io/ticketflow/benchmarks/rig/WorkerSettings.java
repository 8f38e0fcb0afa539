package io.ticketflow.benchmarks.rig;

import java.util.Map;

/** Worker configuration the scenarios set, under the keys of the worker's own @ConfigMapping interfaces. */
public final class WorkerSettings {

    private WorkerSettings() {
    }

    /**
     * {@code max-in-flight} tickets at once. The worker derives its channel's prefetch (max.poll.records ×
     * max-queue-size-factor) from this itself, so nothing else needs setting.
     */
    public static Map<String, String> inFlight(int maxInFlight) {
        return Map.of("ticketflow.worker.max-in-flight", Integer.toString(maxInFlight));
    }
}
