package io.ticketflow.worker.kafka;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionProgressTest {

    @Test
    void commitsBelowTheOldestUnfinishedRecordAndNamesTheFinishedOnesBeyond() {
        PartitionProgress progress = PartitionProgress.resume(new OffsetAndMetadata(100));
        LongStream.range(100, 110).forEach(offset -> assertThat(progress.received(offset, 0)).isTrue());
        progress.finished(100);
        progress.finished(103);
        progress.finished(104);
        progress.finished(109);

        OffsetAndMetadata commit = progress.nextCommit().orElseThrow();

        assertThat(commit.offset()).isEqualTo(101);
        PartitionProgress next = PartitionProgress.resume(commit);
        assertThat(LongStream.range(101, 112).filter(offset -> next.received(offset, 0)).toArray())
                .as("records the next owner runs")
                .containsExactly(101L, 102L, 105L, 106L, 107L, 108L, 110L, 111L);
    }

    @Test
    void skippedRecordsCountAsFinishedSoTheCommitMovesPastThem() {
        PartitionProgress before = PartitionProgress.resume(new OffsetAndMetadata(0));
        LongStream.range(0, 4).forEach(offset -> before.received(offset, 0));
        before.finished(1);
        before.finished(3);
        PartitionProgress after = PartitionProgress.resume(before.nextCommit().orElseThrow());
        LongStream.range(0, 4).forEach(offset -> after.received(offset, 0));

        after.finished(0);
        after.finished(2);

        assertThat(after.nextCommit().orElseThrow()).isEqualTo(new OffsetAndMetadata(4, ""));
    }

    @Test
    void writesNothingNewWhenNothingChanged() {
        PartitionProgress progress = PartitionProgress.resume(null);
        assertThat(progress.nextCommit()).isEmpty();
        progress.received(7, 0);
        progress.finished(7);
        OffsetAndMetadata commit = progress.nextCommit().orElseThrow();
        progress.committed(commit);

        assertThat(commit.offset()).isEqualTo(8);
        assertThat(progress.nextCommit()).isEmpty();
    }

    @Test
    void metadataStaysUnderTheBrokersLimitHoweverFarTheFinishedRecordsReach() {
        PartitionProgress progress = PartitionProgress.resume(new OffsetAndMetadata(0));
        LongStream.range(0, 100_000).forEach(offset -> progress.received(offset, 0));
        LongStream.range(1, 100_000).forEach(progress::finished);

        OffsetAndMetadata commit = progress.nextCommit().orElseThrow();

        assertThat(commit.offset()).isZero();
        assertThat(commit.metadata().length()).isLessThan(4096);
        PartitionProgress next = PartitionProgress.resume(commit);
        assertThat(next.received(PartitionProgress.MAX_TRACKED_OFFSETS - 1, 0)).isFalse();
        assertThat(next.received(PartitionProgress.MAX_TRACKED_OFFSETS, 0)).isTrue();
    }

    @Test
    void foreignMetadataSkipsNothing() {
        PartitionProgress progress = PartitionProgress.resume(new OffsetAndMetadata(5, "written by a tool"));

        assertThat(progress.received(5, 0)).isTrue();
        assertThat(progress.received(6, 0)).isTrue();
    }

    @Test
    void reportsHowLongTheOldestUnfinishedRecordWaited() {
        PartitionProgress progress = PartitionProgress.resume(null);
        progress.received(1, 1_000);
        progress.received(2, 1_500);
        progress.finished(1);

        assertThat(progress.oldestUnfinishedAgeMillis(2_000)).isEqualTo(500);
    }
}
