package io.ticketflow.producer.submit;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/** When a submission asks to run: {@code runAt}, an ISO-8601 instant, or {@code delay}, an ISO-8601 duration. */
final class Schedule {

    private Schedule() {
    }

    /** With an offset ({@code Z} or {@code +01:00}): an instant without one would depend on the server's zone. */
    static Instant instant(String runAt) {
        return OffsetDateTime.parse(runAt).toInstant();
    }

    static Duration delay(String delay) {
        return Duration.parse(delay);
    }

    /**
     * @return when the ticket is to run, or {@code null} when that is now: no schedule, or one already past
     */
    static Instant runAt(String runAt, String delay, Instant submittedAt) {
        Instant at = runAt != null ? instant(runAt) : delay != null ? submittedAt.plus(delay(delay)) : null;
        return at != null && at.isAfter(submittedAt) ? at : null;
    }
}
