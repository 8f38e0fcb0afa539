package io.ticketflow.worker.retry;

import io.ticketflow.contract.TicketRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(TestRetryConfig.of(3));

    @Test
    void theTicketsOwnMaximumComesFirst() {
        assertThat(policy.maxAttempts(ticket(7), Optional.of(5))).isEqualTo(7);
    }

    @Test
    void thenTheHandlerTypesDefault() {
        assertThat(policy.maxAttempts(ticket(null), Optional.of(5))).isEqualTo(5);
    }

    @Test
    void thenTheWorkersDefault() {
        assertThat(policy.maxAttempts(ticket(null), Optional.empty())).isEqualTo(3);
    }

    @Test
    void theNextAttemptIsDueAfterTheBackoffOfTheFailedOne() {
        Instant failedAt = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(policy.nextAttemptAt(1, failedAt))
                .isBetween(failedAt.plus(Duration.ofMillis(800)), failedAt.plus(Duration.ofMillis(1200)));
        assertThat(policy.nextAttemptAt(3, failedAt))
                .isBetween(failedAt.plus(Duration.ofMillis(3200)), failedAt.plus(Duration.ofMillis(4800)));
    }

    @Test
    void aRetryAfterLongerThanTheBackoffIsHonoured() {
        Instant failedAt = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(policy.nextAttemptAt(1, failedAt, Duration.ofSeconds(7))).isEqualTo(failedAt.plusSeconds(7));
        assertThat(policy.nextAttemptAt(1, failedAt, Duration.ofMillis(10)))
                .isBetween(failedAt.plus(Duration.ofMillis(800)), failedAt.plus(Duration.ofMillis(1200)));
    }

    @Test
    void aRetryAfterBeyondTheLongestBackoffIsCutToIt() {
        Instant failedAt = Instant.parse("2026-01-01T00:00:00Z");
        Duration longest = TestRetryConfig.of(3).maxBackoff();

        assertThat(policy.nextAttemptAt(1, failedAt, longest.multipliedBy(10))).isEqualTo(failedAt.plus(longest));
    }

    private static TicketRecord ticket(Integer maxAttempts) {
        return TicketRecord.submitted("t", "flaky", null, null, null, maxAttempts, null);
    }
}
