package io.ticketflow.benchmarks.rig;

import java.time.Duration;

/** The harness' polling loops run on its own main thread, never on an event loop: sleeping there is fine. */
public final class Pause {

    private Pause() {
    }

    public static void briefly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
