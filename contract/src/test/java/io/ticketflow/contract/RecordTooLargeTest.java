package io.ticketflow.contract;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class RecordTooLargeTest {

    @Test
    void findsTheRefusalThroughWrappers() {
        assertThat(RecordTooLarge.causedBy(new RecordTooLargeException("big"))).isTrue();
        assertThat(RecordTooLarge.causedBy(new CompletionException(new RecordTooLargeException("big")))).isTrue();
    }

    @Test
    void anythingElseIsNoSizeRefusal() {
        assertThat(RecordTooLarge.causedBy(new TimeoutException("slow"))).isFalse();
        assertThat(RecordTooLarge.causedBy(new CompletionException(new IllegalStateException()))).isFalse();
        assertThat(RecordTooLarge.causedBy(null)).isFalse();
    }
}
