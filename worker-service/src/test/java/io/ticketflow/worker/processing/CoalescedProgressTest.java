package io.ticketflow.worker.processing;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.ticketflow.contract.TicketProgress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class CoalescedProgressTest {

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final ProgressBudget budget = new ProgressBudget(TestWorkerConfig.progress(Duration.ofMillis(300), 100));
    private final CoalescedProgress progress = new CoalescedProgress(budget, timers);

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    private AssertSubscriber<TicketProgress> subscribe() {
        return progress.reports().subscribe().withSubscriber(AssertSubscriber.create(10));
    }

    @Test
    void theFirstReportGoesOnAtOnceAndTheLatestOfTheNextOnesAfterTheInterval() {
        AssertSubscriber<TicketProgress> written = subscribe();

        progress.report(1, "one");
        assertThat(written.getItems()).extracting(TicketProgress::percent).containsExactly(1);
        progress.report(2, "two");
        progress.report(3, "three");
        assertThat(written.getItems()).hasSize(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> written.getItems().size() == 2);
        assertThat(written.getItems()).extracting(TicketProgress::percent).containsExactly(1, 3);
    }

    @Test
    void aReportBeforeAnyoneSubscribedWaitsForTheSubscriber() {
        progress.report(5, "early");

        AssertSubscriber<TicketProgress> written = subscribe();

        assertThat(written.getItems()).extracting(TicketProgress::message).containsExactly("early");
    }

    @Test
    void closingDropsTheWaitingReportAndEndsTheReports() {
        AssertSubscriber<TicketProgress> written = subscribe();
        progress.report(1, "one");
        progress.report(2, "superseded by the outcome");

        progress.close();
        progress.report(3, "after the end");

        written.assertCompleted();
        // For longer than the interval, after which a waiting report would have been written.
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2))
                .until(() -> written.getItems().size() == 1);
        assertThat(written.getItems()).extracting(TicketProgress::percent).containsExactly(1);
    }

    @Test
    void withMoreAttemptsReportingThanTheBudgetAllowsEachOneWaitsLongerAndTheFirstWaitsToo() {
        AssertSubscriber<TicketProgress> written = subscribe();
        progress.report(1, "one");
        progress.close();
        // 60 attempts reporting against 100 reports a second: each may write one every 600 ms, not 300.
        List<CoalescedProgress> others = IntStream.range(0, 60).mapToObj(i -> new CoalescedProgress(budget, timers))
                .toList();
        assertThat(budget.intervalNanos()).isEqualTo(Duration.ofMillis(600).toNanos());
        CoalescedProgress late = new CoalescedProgress(budget, timers);
        AssertSubscriber<TicketProgress> lateWritten = late.reports().subscribe()
                .withSubscriber(AssertSubscriber.create(10));
        late.report(1, "held back while over the budget");

        assertThat(written.getItems()).as("under the budget: at once").hasSize(1);
        assertThat(lateWritten.getItems()).as("over it: not at once").isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> lateWritten.getItems().size() == 1);

        others.forEach(CoalescedProgress::close);
        late.close();
        assertThat(budget.intervalNanos()).as("the interval comes back as attempts end")
                .isEqualTo(Duration.ofMillis(300).toNanos());
    }

    @Test
    void aBudgetOfNoReportsIsRefusedAtStartRatherThanOverflowingIntoReportingAtOnce() {
        assertThatThrownBy(() -> new ProgressBudget(TestWorkerConfig.progress(Duration.ofSeconds(1), 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("progress-max-per-second");
    }

    @Test
    void aSubscriberAfterTheEndGetsNothing() {
        progress.report(1, "one");
        progress.close();

        subscribe().assertCompleted().assertHasNotReceivedAnyItem();
    }
}
