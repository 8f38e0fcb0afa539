package io.ticketflow.producer.state;

import io.ticketflow.contract.TicketState;
import io.ticketflow.contract.TicketStatus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecentActivityTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:05Z");
    private final RecentActivity activity = new RecentActivity(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void countsEachTicketOnceInTheSlotsOfItsOwnTimes() {
        Instant submitted = NOW.minusSeconds(65);
        TicketState queued = state("a", 1, TicketStatus.QUEUED, submitted, null, null);
        TicketState running = state("a", 2, TicketStatus.RUNNING, submitted, submitted.plusMillis(400), null);
        TicketState done = state("a", 3, TicketStatus.SUCCEEDED, submitted, submitted.plusMillis(400),
                NOW.minusSeconds(5));
        activity.applied(null, queued);
        activity.applied(queued, running);
        activity.applied(running, done);
        // A repeated terminal state (a callback outcome) finishes nothing new.
        activity.applied(done, state("a", 4, TicketStatus.SUCCEEDED, submitted, submitted.plusMillis(400),
                NOW.minusSeconds(5)));

        RecentActivity.Window window = activity.window();
        List<RecentActivity.Point> points = window.points();
        assertThat(points).hasSize(60);
        assertThat(points.getLast().at()).isEqualTo(Instant.parse("2026-11-30T12:00:00Z"));
        assertThat(points.stream().mapToLong(RecentActivity.Point::submitted).sum()).isEqualTo(1);
        assertThat(pointAt(points, submitted).submitted()).isEqualTo(1);
        assertThat(points.getLast().succeeded()).isEqualTo(1);
        assertThat(window.queueWait().count()).isEqualTo(1);
        assertThat(window.queueWait().p50()).isEqualTo(400);
        assertThat(window.runTime().count()).isEqualTo(1);
        assertThat(window.runTime().max()).isEqualTo(Duration.between(submitted.plusMillis(400), NOW.minusSeconds(5))
                .toMillis());
    }

    @Test
    void aTicketFirstSeenFinishedCountsItsSubmissionStartAndFinish() {
        // A view rebuilt from the compacted topic sees only the last state of each ticket.
        Instant submitted = NOW.minusSeconds(30);
        activity.applied(null, state("b", 3, TicketStatus.FAILED, submitted, submitted.plusMillis(20),
                submitted.plusMillis(1020)));
        RecentActivity.Window window = activity.window();
        assertThat(window.points().stream().mapToLong(RecentActivity.Point::submitted).sum()).isEqualTo(1);
        assertThat(window.points().stream().mapToLong(RecentActivity.Point::failed).sum()).isEqualTo(1);
        assertThat(window.queueWait().p50()).isEqualTo(20);
        // A bucket's upper bound, but never more than the largest duration seen.
        assertThat(window.runTime().p50()).isEqualTo(1000);
    }

    @Test
    void percentilesAreWithinABucketOfTheTruth() {
        Instant submitted = NOW.minusSeconds(50);
        for (int i = 1; i <= 100; i++) {
            activity.applied(null, state("p" + i, 1, TicketStatus.RUNNING, submitted, submitted.plusMillis(i * 10L),
                    null));
        }
        RecentActivity.Percentiles waits = activity.window().queueWait();
        assertThat(waits.count()).isEqualTo(100);
        assertThat(waits.p50()).isBetween(500L, 625L);
        assertThat(waits.p95()).isBetween(950L, 1000L);
        assertThat(waits.p99()).isBetween(990L, 1000L);
        assertThat(waits.max()).isEqualTo(1000);
    }

    @Test
    void timesBeyondALongOfMillisecondsAreClampedNotThrown() {
        // A ticket written by hand may say anything Instant can hold: a billion years either way.
        Instant ancient = Instant.parse("-1000000000-01-01T00:00:00Z");
        activity.applied(null, state("far", 2, TicketStatus.RUNNING, ancient, NOW.minusSeconds(1), null));
        activity.applied(null, state("future", 3, TicketStatus.SUCCEEDED, NOW.minusSeconds(2), NOW.minusSeconds(1),
                Instant.parse("+1000000000-12-31T23:59:59Z")));

        RecentActivity.Window window = activity.window();
        assertThat(window.queueWait().max()).isEqualTo(Long.MAX_VALUE);
        // A finish ahead of the clock counts now rather than being lost.
        assertThat(window.points().getLast().succeeded()).isEqualTo(1);
    }

    @Test
    void leavesOutWhatIsOlderThanTheWindow() {
        Instant old = NOW.minus(Duration.ofMinutes(11));
        activity.applied(null, state("old", 3, TicketStatus.SUCCEEDED, old, old.plusSeconds(1), old.plusSeconds(2)));
        RecentActivity.Window window = activity.window();
        assertThat(window.points()).allSatisfy(point -> {
            assertThat(point.submitted()).isZero();
            assertThat(point.succeeded()).isZero();
        });
        assertThat(window.runTime().count()).isZero();
    }

    @Test
    void cancelledTicketsCountButAddNoRunTime() {
        Instant submitted = NOW.minusSeconds(20);
        activity.applied(null, state("c", 2, TicketStatus.CANCELLED, submitted, submitted.plusSeconds(1),
                submitted.plusSeconds(3)));
        RecentActivity.Window window = activity.window();
        assertThat(window.points().stream().mapToLong(RecentActivity.Point::cancelled).sum()).isEqualTo(1);
        assertThat(window.runTime().count()).isZero();
    }

    private static RecentActivity.Point pointAt(List<RecentActivity.Point> points, Instant at) {
        return points.stream().filter(point -> !point.at().isAfter(at) && point.at().plus(RecentActivity.SLOT).isAfter(at))
                .findFirst().orElseThrow();
    }

    private static TicketState state(String id, long revision, TicketStatus status, Instant submitted, Instant started,
            Instant finished) {
        return new TicketState(id, revision, "delay", status, 1, submitted, started, finished, null, null, null, null,
                null, null, null, null, null, null, null, null, finished != null ? finished : NOW, null, null, null, null,
                null, null);
    }
}
