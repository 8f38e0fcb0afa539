package io.ticketflow.producer.state;

import java.time.Duration;
import java.time.Instant;

/**
 * Times as records carry them, in milliseconds. A ticket written with Kafka's console tools says when it was submitted
 * in its own words, and an {@link Instant} reaches a billion years either way: further than a {@code long} of
 * milliseconds, so {@code toEpochMilli} would throw on the view's thread, and that thread stopping stops every read.
 */
final class ClampedTime {

    private static final Instant EARLIEST = Instant.ofEpochMilli(Long.MIN_VALUE);
    private static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);
    private static final Duration LONGEST = Duration.ofMillis(Long.MAX_VALUE);

    private ClampedTime() {
    }

    static long epochMilli(Instant at) {
        return at.isBefore(EARLIEST) ? Long.MIN_VALUE : at.isAfter(LATEST) ? Long.MAX_VALUE : at.toEpochMilli();
    }

    static long millis(Duration duration) {
        return duration.abs().compareTo(LONGEST) > 0 ? (duration.isNegative() ? -Long.MAX_VALUE : Long.MAX_VALUE)
                : duration.toMillis();
    }
}
