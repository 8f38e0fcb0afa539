package io.ticketflow.producer.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.ticketflow.producer.auth.Caller;
import io.ticketflow.producer.state.TicketStates;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-owner limits on submissions: a token bucket (Bucket4j) on the rate, and a cap on unfinished tickets counted
 * from the read view's per-owner counters. Buckets live in this instance: N instances behind a balancer allow up to
 * N times the rate. The cap reads the decided state, which trails a burst by the few milliseconds tickets take to be
 * decided, so a burst can overshoot it by about as many tickets as it submits in that time. Without authentication
 * there is no owner, and no limit.
 */
@ApplicationScoped
public class SubmitLimits {

    private final LimitsConfig config;
    private final TicketStates states;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public SubmitLimits(LimitsConfig config, TicketStates states) {
        this.config = config;
        this.states = states;
    }

    /**
     * Takes {@code tickets} submissions from the caller's bucket: a batch is all taken, or none.
     *
     * @return the caller's standing after it, for the response headers; {@code null} when the caller has no owner
     * @throws RateLimitedException   over the rate (nothing taken)
     * @throws QuotaExceededException when the tickets would take the owner over its cap of unfinished tickets
     */
    public Allowance admit(Caller caller, int tickets) {
        if (caller.owner() == null) {
            return null;
        }
        Limit limit = limitOf(caller);
        long unfinished = states.unfinished(caller.owner());
        if (unfinished + tickets > limit.maxUnfinished()) {
            throw new QuotaExceededException(unfinished, limit.maxUnfinished(), config.quotaRetryAfter());
        }
        Bucket bucket = buckets.computeIfAbsent(caller.owner(), owner -> Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.submits()).refillGreedy(limit.submits(), limit.per()))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(tickets);
        if (!probe.isConsumed()) {
            throw new RateLimitedException(new Allowance(limit.submits(), limit.windowSeconds(), 0,
                    Math.max(1, seconds(probe.getNanosToWaitForRefill()))));
        }
        return new Allowance(limit.submits(), limit.windowSeconds(), probe.getRemainingTokens(),
                seconds(probe.getNanosToWaitForReset()));
    }

    /** The owner's entry, else its roles' most generous one (most submits per second), else the default. */
    Limit limitOf(Caller caller) {
        LimitsConfig.Defaults defaults = config.defaults();
        LimitsConfig.Entry chosen = Optional.ofNullable(config.owners().get(caller.owner()))
                .or(() -> caller.roles().stream().map(config.roles()::get).filter(Objects::nonNull)
                        .max(Comparator.comparingDouble(entry -> perSecond(entry, defaults))))
                .orElse(null);
        if (chosen == null) {
            return new Limit(defaults.submits(), defaults.per(), defaults.maxUnfinished());
        }
        return new Limit(chosen.submits().orElse(defaults.submits()), chosen.per().orElse(defaults.per()),
                chosen.maxUnfinished().orElse(defaults.maxUnfinished()));
    }

    private static double perSecond(LimitsConfig.Entry entry, LimitsConfig.Defaults defaults) {
        return (double) entry.submits().orElse(defaults.submits()) / entry.per().orElse(defaults.per()).toMillis();
    }

    /** Rounded up: waiting a little too long is safe, too short is refused again. */
    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
