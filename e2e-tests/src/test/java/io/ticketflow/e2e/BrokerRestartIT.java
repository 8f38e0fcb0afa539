package io.ticketflow.e2e;

import io.ticketflow.kafka.local.LocalKafkaBroker;
import io.ticketflow.testing.SharedKafkaBroker;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The broker is stopped and started again while clients keep submitting. A 202 is a promise: every ticket that got
 * one completes. During the outage the answer is 503 with Retry-After, never a 202 for a record Kafka did not take.
 */
class BrokerRestartIT {

    /** 16 submissions in flight: this many refusals take at least two rounds of the 5 s ack timeout. */
    private static final int REFUSED_DURING_OUTAGE = 32;

    @Test
    void everyAcceptedTicketCompletesAcrossABrokerRestart() throws Exception {
        TicketflowSystem system = TicketflowSystem.get();
        LocalKafkaBroker broker = SharedKafkaBroker.localBroker().orElse(null);
        assumeTrue(broker != null, "needs the local broker, which a test can stop and start");

        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> unavailableWithoutRetryAfter = new ConcurrentLinkedQueue<>();
        ExecutorService load = Executors.newSingleThreadExecutor();
        Future<?> loading = load.submit(() -> submitWhile(system, running, accepted, statuses, unavailableWithoutRetryAfter));

        await("tickets accepted before the outage").atMost(Duration.ofMinutes(1)).until(() -> accepted.size() >= 50);
        broker.stop();
        // Down until submissions have been refused for a while (each waits out the producer's 5 s ack timeout).
        await("submissions refused during the outage").atMost(Duration.ofMinutes(2))
                .until(() -> statuses.getOrDefault(503, 0) >= REFUSED_DURING_OUTAGE);
        broker.start();
        long restartedAt = System.nanoTime();
        // Without a restart of their own, both services follow Kafka again: the producer's readiness includes its
        // ticket state (streams running, nothing to restore, the cluster reached).
        await().atMost(Duration.ofSeconds(90)).until(() -> Health.ready(system.producer) && Health.ready(system.worker));
        Duration toReady = Duration.ofNanos(System.nanoTime() - restartedAt);
        int acceptedWhenReady = accepted.size();
        await("tickets accepted after the outage").atMost(Duration.ofMinutes(1))
                .until(() -> accepted.size() >= acceptedWhenReady + 100);
        running.set(false);
        loading.get();
        load.shutdown();

        System.out.println("[broker-restart] answers by status: " + statuses + ", accepted: " + accepted.size()
                + ", ready again " + toReady.toMillis() + " ms after the broker restarted");
        assertThat(statuses.keySet()).as("only 202 and 503").isSubsetOf(202, 503);
        assertThat(statuses).as("some submissions during the outage were refused").containsKey(503);
        assertThat(unavailableWithoutRetryAfter).isEmpty();

        List<String> ids = new ArrayList<>(accepted);
        List<HttpResponse<String>> views = BoundedFlight.run(ids, 64, id -> system.tickets.get(id, "60s"));
        List<String> unfinished = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String status = TicketsClient.parse(views.get(i).body()).path("status").asText();
            if (!status.equals("SUCCEEDED")) {
                unfinished.add(ids.get(i) + "=" + status);
            }
        }
        assertThat(unfinished).as("accepted tickets that did not complete").isEmpty();
    }

    private static void submitWhile(TicketflowSystem system, AtomicBoolean running, ConcurrentLinkedQueue<String> accepted,
            Map<Integer, Integer> statuses, ConcurrentLinkedQueue<String> unavailableWithoutRetryAfter) {
        Semaphore inFlight = new Semaphore(16);
        int n = 0;
        while (running.get()) {
            inFlight.acquireUninterruptibly();
            system.tickets.submit("{\"type\":\"echo\",\"payload\":{\"n\":" + n++ + "}}").whenComplete((response, failure) -> {
                inFlight.release();
                if (failure != null) {
                    statuses.merge(-1, 1, Integer::sum);
                    return;
                }
                statuses.merge(response.statusCode(), 1, Integer::sum);
                if (response.statusCode() == 202) {
                    accepted.add(TicketsClient.parse(response.body()).get("id").asText());
                } else if (response.statusCode() == 503 && response.headers().firstValue("Retry-After").isEmpty()) {
                    unavailableWithoutRetryAfter.add(response.body());
                }
            });
        }
        inFlight.acquireUninterruptibly(16);
    }
}
