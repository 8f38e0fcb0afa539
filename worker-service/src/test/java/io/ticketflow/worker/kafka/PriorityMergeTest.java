package io.ticketflow.worker.kafka;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class PriorityMergeTest {

    private static Multi<String> items(String prefix, int count) {
        return Multi.createFrom().items(IntStream.range(0, count).mapToObj(i -> prefix + i));
    }

    @Test
    void whenAllWaitEachRoundServesUpToEachWeightMostUrgentFirst() {
        AssertSubscriber<String> downstream = PriorityMerge.of(List.of(items("h", 10), items("n", 10), items("l", 10)),
                List.of(6, 3, 1), 16).subscribe().withSubscriber(AssertSubscriber.create(0));
        downstream.request(30);

        assertThat(downstream.getItems().stream().map(item -> item.substring(0, 1)).toList()).containsExactly(
                "h", "h", "h", "h", "h", "h", "n", "n", "n", "l",
                "h", "h", "h", "h", "n", "n", "n", "l",
                "n", "n", "n", "l",
                "n", "l", "l", "l", "l", "l", "l", "l");
    }

    @Test
    void anUrgentItemArrivingBehindABacklogIsServedNext() {
        UnicastProcessor<String> high = UnicastProcessor.create();
        AssertSubscriber<String> downstream = PriorityMerge.of(List.of(high, items("n", 100), items("l", 100)),
                List.of(6, 3, 1), 16).subscribe().withSubscriber(AssertSubscriber.create(0));
        downstream.request(5);
        assertThat(downstream.getItems()).containsExactly("n0", "n1", "n2", "l0", "n3");

        high.onNext("h0");
        downstream.request(1);

        assertThat(downstream.getItems().getLast()).isEqualTo("h0");
    }

    @Test
    void aStreamAloneHasEverySlotAndAnEmptyOneGivesItsTurnAway() {
        AssertSubscriber<String> downstream = PriorityMerge.of(List.of(Multi.createFrom().<String>empty(),
                        items("n", 3), Multi.createFrom().<String>empty()), List.of(6, 3, 1), 1)
                .subscribe().withSubscriber(AssertSubscriber.create(10));

        assertThat(downstream.getItems()).containsExactly("n0", "n1", "n2");
    }
}
