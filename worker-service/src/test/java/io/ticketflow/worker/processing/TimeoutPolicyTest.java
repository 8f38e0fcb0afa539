package io.ticketflow.worker.processing;

import io.ticketflow.contract.TicketRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TimeoutPolicyTest {

    private final TimeoutPolicy policy =
            new TimeoutPolicy(TestWorkerConfig.of(Duration.ofSeconds(30)), () -> Duration.ofMinutes(15));

    @Test
    void theTicketsOwnLimitComesFirst() {
        assertThat(policy.resolve(ticket(1500L), Optional.of(Duration.ofSeconds(5)))).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void thenTheHandlerTypesDefault() {
        assertThat(policy.resolve(ticket(null), Optional.of(Duration.ofSeconds(5)))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void thenTheWorkersDefault() {
        assertThat(policy.resolve(ticket(null), Optional.empty())).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void neverMoreThanTheMaximum() {
        assertThat(policy.resolve(ticket(Duration.ofHours(2).toMillis()), Optional.empty()))
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(policy.resolve(ticket(null), Optional.of(Duration.ofDays(1)))).isEqualTo(Duration.ofMinutes(15));
    }

    private static TicketRecord ticket(Long timeoutMs) {
        return TicketRecord.submitted("t", "delay", null, null, timeoutMs, null, null);
    }
}
