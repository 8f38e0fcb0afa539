package io.ticketflow.benchmarks.rig;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/** Progress lines on standard output, stamped with the time since the run started. */
public final class Progress {

    private static final Duration TICK = Duration.ofSeconds(2);

    private final long startNanos = System.nanoTime();

    public synchronized void say(String scenario, String message) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf(Locale.ROOT, "[%7.1fs] %-2s %s%n", seconds, scenario, message);
        System.out.flush();
    }

    /** For loops that wait: says how far they got every couple of seconds, not on every turn. */
    public Ticker ticker(String scenario) {
        return new Ticker(scenario);
    }

    public final class Ticker {
        private final String scenario;
        private long lastNanos = System.nanoTime();

        private Ticker(String scenario) {
            this.scenario = scenario;
        }

        public void tick(Supplier<String> status) {
            long now = System.nanoTime();
            if (now - lastNanos >= TICK.toNanos()) {
                lastNanos = now;
                say(scenario, status.get());
            }
        }
    }
}
