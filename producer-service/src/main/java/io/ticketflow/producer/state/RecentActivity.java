package io.ticketflow.producer.state;

import io.ticketflow.contract.TicketState;
import io.ticketflow.contract.TicketStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the decided states say happened over the last {@link #WINDOW}, in {@link #SLOT} slots: tickets submitted and
 * finished, queue waits (submitted → first attempt started) and run times (started → finished) as histograms. Fed by
 * the read view as it applies each decided state, so every instance shows the same figures, and an instance that
 * rebuilds its view from {@code ticket-state} rebuilds these too: each event counts in the slot of the time the state
 * names ({@code submittedAt}, {@code startedAt}, {@code finishedAt}), not of the time it was applied. Bounded: a ring
 * of {@code WINDOW / SLOT} slots, each two histograms of {@link #BUCKETS} counters.
 */
@ApplicationScoped
public class RecentActivity {

    static final Duration SLOT = Duration.ofSeconds(10);
    static final Duration WINDOW = Duration.ofMinutes(10);
    private static final int SLOTS = (int) (WINDOW.toMillis() / SLOT.toMillis());
    /** Bucket i holds durations up to {@code GROWTH^i} ms: within 25 % from 1 ms to over a day. */
    private static final double GROWTH = 1.25;
    static final int BUCKETS = 84;

    private final Clock clock;
    private final Slot[] ring = new Slot[SLOTS];

    public RecentActivity() {
        this(Clock.systemUTC());
    }

    RecentActivity(Clock clock) {
        this.clock = clock;
    }

    /** A duration's percentiles in ms over some tickets ({@code count} of them); all 0 without any. */
    public record Percentiles(long count, long p50, long p95, long p99, long max) {
    }

    /** One slot: from {@code at} for {@link #SLOT}. */
    public record Point(Instant at, long submitted, long succeeded, long failed, long cancelled,
            Percentiles queueWait, Percentiles runTime) {
    }

    /** The whole window, oldest slot first, and its percentiles over all of it. */
    public record Window(Duration slot, List<Point> points, Percentiles queueWait, Percentiles runTime) {
    }

    /** Called by the view with each state it applies and the state it replaces (either may be null). */
    synchronized void applied(TicketState previous, TicketState next) {
        if (next == null) {
            return;
        }
        if (submittedAt(previous) == null && next.submittedAt() != null) {
            slot(next.submittedAt()).ifPresent(slot -> slot.submitted++);
        }
        if (startedAt(previous) == null && next.startedAt() != null && next.submittedAt() != null
                && next.attempt() <= 1) {
            slot(next.startedAt()).ifPresent(slot ->
                    slot.queueWait.add(Duration.between(next.submittedAt(), next.startedAt())));
        }
        if ((previous == null || !previous.isTerminal()) && next.status() != null && next.isTerminal()) {
            Instant finished = next.finishedAt() != null ? next.finishedAt() : next.updatedAt();
            slot(finished).ifPresent(slot -> {
                switch (next.status()) {
                    case SUCCEEDED -> slot.succeeded++;
                    case FAILED -> slot.failed++;
                    default -> slot.cancelled++;
                }
                if (next.status() != TicketStatus.CANCELLED && next.startedAt() != null && next.finishedAt() != null) {
                    slot.runTime.add(Duration.between(next.startedAt(), next.finishedAt()));
                }
            });
        }
    }

    public synchronized Window window() {
        long last = index(clock.instant());
        List<Point> points = new ArrayList<>(SLOTS);
        Histogram waits = new Histogram();
        Histogram runs = new Histogram();
        for (long index = last - SLOTS + 1; index <= last; index++) {
            Slot slot = ring[(int) Math.floorMod(index, (long) SLOTS)];
            Instant at = Instant.ofEpochMilli(index * SLOT.toMillis());
            if (slot == null || slot.index != index) {
                points.add(new Point(at, 0, 0, 0, 0, Histogram.NONE, Histogram.NONE));
            } else {
                points.add(new Point(at, slot.submitted, slot.succeeded, slot.failed, slot.cancelled,
                        slot.queueWait.percentiles(), slot.runTime.percentiles()));
                waits.addAll(slot.queueWait);
                runs.addAll(slot.runTime);
            }
        }
        return new Window(SLOT, points, waits.percentiles(), runs.percentiles());
    }

    /** The slot of this instant, emptied first if it last held an older one; none if outside the window. */
    private Optional<Slot> slot(Instant at) {
        long now = index(clock.instant());
        // A clock a little ahead on another machine: counted now rather than lost.
        long index = Math.min(index(at), now);
        if (index <= now - SLOTS) {
            return Optional.empty();
        }
        int position = (int) Math.floorMod(index, (long) SLOTS);
        Slot slot = ring[position];
        if (slot == null || slot.index < index) {
            slot = new Slot(index);
            ring[position] = slot;
        } else if (slot.index > index) {
            return Optional.empty();
        }
        return Optional.of(slot);
    }

    private static long index(Instant at) {
        return Math.floorDiv(ClampedTime.epochMilli(at), SLOT.toMillis());
    }

    private static Instant submittedAt(TicketState state) {
        return state == null ? null : state.submittedAt();
    }

    private static Instant startedAt(TicketState state) {
        return state == null ? null : state.startedAt();
    }

    private static final class Slot {
        final long index;
        long submitted;
        long succeeded;
        long failed;
        long cancelled;
        final Histogram queueWait = new Histogram();
        final Histogram runTime = new Histogram();

        Slot(long index) {
            this.index = index;
        }
    }

    /** Log-scale buckets; a percentile is its bucket's upper bound, never above the largest value seen. */
    static final class Histogram {
        static final Percentiles NONE = new Percentiles(0, 0, 0, 0, 0);

        private final long[] counts = new long[BUCKETS];
        private long count;
        private long max;

        void add(Duration duration) {
            long ms = Math.max(0, ClampedTime.millis(duration));
            int bucket = ms <= 1 ? 0 : (int) Math.min(BUCKETS - 1, Math.ceil(Math.log(ms) / Math.log(GROWTH)));
            counts[bucket]++;
            count++;
            max = Math.max(max, ms);
        }

        void addAll(Histogram other) {
            for (int i = 0; i < BUCKETS; i++) {
                counts[i] += other.counts[i];
            }
            count += other.count;
            max = Math.max(max, other.max);
        }

        Percentiles percentiles() {
            return count == 0 ? NONE : new Percentiles(count, at(0.50), at(0.95), at(0.99), max);
        }

        private long at(double quantile) {
            long rank = (long) Math.ceil(quantile * count);
            long seen = 0;
            for (int i = 0; i < BUCKETS; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return Math.min(max, (long) Math.ceil(Math.pow(GROWTH, i)));
                }
            }
            return max;
        }
    }
}
