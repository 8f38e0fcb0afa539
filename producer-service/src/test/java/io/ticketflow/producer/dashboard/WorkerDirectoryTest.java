package io.ticketflow.producer.dashboard;

import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.WorkerHeartbeat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class WorkerDirectoryTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final WorkerDirectory directory = new WorkerDirectory(TicketJson.mapper(), Duration.ofSeconds(15), clock);

    @Test
    void keepsTheNewestHeartbeatOfEachWorkerUntilItsTombstone() throws Exception {
        directory.heartbeat(record("w1", heartbeat("w1", 3, clock.instant().minusSeconds(2))));
        directory.heartbeat(record("w2", heartbeat("w2", 7, clock.instant().minusSeconds(1))));
        directory.heartbeat(record("w1", heartbeat("w1", 5, clock.instant())));
        // Out of order: an older heartbeat never replaces a newer one.
        directory.heartbeat(record("w1", heartbeat("w1", 1, clock.instant().minusSeconds(4))));

        assertThat(directory.alive()).extracting(WorkerHeartbeat::worker, WorkerHeartbeat::inFlight)
                .containsExactly(tuple("w1", 5), tuple("w2", 7));

        directory.heartbeat(new ConsumerRecord<>("worker-heartbeats", 0, 9, "w2", null));
        assertThat(directory.alive()).extracting(WorkerHeartbeat::worker).containsExactly("w1");
    }

    @Test
    void leavesOutAWorkerSilentForLongerThanTheStalenessOrThreeOfItsIntervals() throws Exception {
        directory.heartbeat(record("fast", heartbeat("fast", 0, clock.instant(), 1000)));
        directory.heartbeat(record("slow", heartbeat("slow", 0, clock.instant(), 10_000)));
        clock.now = clock.now.plusSeconds(16);
        assertThat(directory.alive()).extracting(WorkerHeartbeat::worker).containsExactly("slow");
        clock.now = clock.now.plusSeconds(15);
        assertThat(directory.alive()).isEmpty();
        // Back with a new heartbeat.
        directory.heartbeat(record("fast", heartbeat("fast", 2, clock.instant(), 1000)));
        assertThat(directory.alive()).extracting(WorkerHeartbeat::worker).containsExactly("fast");
    }

    @Test
    void skipsWhatItCannotRead() {
        directory.heartbeat(new ConsumerRecord<>("worker-heartbeats", 0, 1, "bad", "{not json".getBytes()));
        directory.heartbeat(new ConsumerRecord<>("worker-heartbeats", 0, 2, null, "{}".getBytes()));
        assertThat(directory.alive()).isEmpty();
    }

    private static WorkerHeartbeat heartbeat(String worker, int inFlight, Instant at) {
        return heartbeat(worker, inFlight, at, 5000);
    }

    private static WorkerHeartbeat heartbeat(String worker, int inFlight, Instant at, long interval) {
        return new WorkerHeartbeat(worker, List.of("delay", "echo"), inFlight, 256, at, interval);
    }

    private static ConsumerRecord<String, byte[]> record(String key, WorkerHeartbeat heartbeat) throws Exception {
        return new ConsumerRecord<>("worker-heartbeats", 0, 0, key, TicketJson.mapper().writeValueAsBytes(heartbeat));
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
