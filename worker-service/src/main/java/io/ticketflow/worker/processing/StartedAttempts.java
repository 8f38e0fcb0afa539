package io.ticketflow.worker.processing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The attempts this worker started, by ticket id, so that it runs each attempt of a ticket at most once. Two producer
 * instances racing one Idempotency-Key both write the ticket; its id is the key, so both records reach the same
 * partition, hence this worker. A rebalance may also hand back records that already ran here.
 *
 * <p>A record of an attempt no later than the one started here is a duplicate: an earlier attempt has ended already,
 * or the later one would not exist. A later attempt (a retry put back by the relay) runs. An attempt in flight weighs
 * nothing and never expires, so neither the size bound nor the expiry can let its duplicate run beside it.
 */
@Singleton
public class StartedAttempts {

    private static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();

    private final Cache<String, Started> started;

    public StartedAttempts(DuplicatesConfig config) {
        Duration rememberFor = config.rememberFor();
        this.started = Caffeine.newBuilder()
                .maximumWeight(config.maxRemembered())
                .<String, Started>weigher((ticketId, attempt) -> attempt.inFlight() ? 0 : 1)
                .expireAfter(Expiry.<String, Started>writing(
                        (ticketId, attempt) -> attempt.inFlight() ? FOREVER : rememberFor))
                .build();
    }

    /** Whether the record of {@code attempt} of the ticket runs here, or is a duplicate of one that did. */
    public Claim claim(String ticketId, int attempt) {
        Started mine = new Started(attempt, new CompletableFuture<>(), true);
        Started known = started.asMap().merge(ticketId, mine,
                (earlier, next) -> earlier.attempt() >= next.attempt() ? earlier : next);
        return known == mine ? new Claim.First(() -> settled(ticketId, mine)) : new Claim.Duplicate(known.settled());
    }

    /** Written again as settled, so that it now weighs and expires; then its duplicates are released. */
    private void settled(String ticketId, Started attempt) {
        started.asMap().computeIfPresent(ticketId, (id, known) -> known == attempt ? attempt.asSettled() : known);
        attempt.settled().complete(null);
    }

    long size() {
        started.cleanUp();
        return started.estimatedSize();
    }

    public sealed interface Claim {

        /** The attempt is new here: the caller runs it and calls {@code settled} once its record is acked or nacked. */
        record First(Runnable settled) implements Claim {
        }

        /** The attempt (or a later one) was started here: {@code earlier} completes once that copy settled. */
        record Duplicate(CompletionStage<Void> earlier) implements Claim {
        }
    }

    private record Started(int attempt, CompletableFuture<Void> settled, boolean inFlight) {

        Started asSettled() {
            return new Started(attempt, settled, false);
        }
    }
}
