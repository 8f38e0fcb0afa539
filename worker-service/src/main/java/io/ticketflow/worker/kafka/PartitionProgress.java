package io.ticketflow.worker.kafka;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;

import java.util.Base64;
import java.util.BitSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one partition's records have come to on this consumer: the offset to commit (the lowest one still unfinished,
 * or past the last one received) and, in the commit's metadata, which records beyond it are finished already, as
 * Confluent's parallel-consumer does. The next owner of the partition reads that metadata and skips those records,
 * so a crash re-runs only the records unfinished at the last commit, not everything finished after the first of them.
 *
 * <p>Records arrive in offset order (a consumer fetches a partition sequentially), so every offset below the lowest
 * unfinished one is either finished or no record of ours (a transaction marker, a compacted record). Not thread-safe:
 * one event-loop context uses it.
 */
final class PartitionProgress {

    /** Marks metadata written by this class; any other metadata (another strategy's, a tool's) is ignored. */
    static final String FORMAT = "finished-v1:";
    /**
     * The broker refuses a commit whose metadata is over {@code offset.metadata.max.bytes} (4096 by default): the bit
     * set is cut at this many offsets beyond the commit (3,000 Base64 characters), and later finished records run
     * again after a crash, as with a plain commit.
     */
    static final int MAX_TRACKED_OFFSETS = 18_000;

    private final long skipFrom;
    private final BitSet finishedBefore;
    /** Received and not finished: offset → when received, for the health check. */
    private final TreeMap<Long, Long> unfinished = new TreeMap<>();
    /** Received and finished, beyond the commit point. */
    private final TreeSet<Long> finished = new TreeSet<>();
    private long commitPoint;
    private OffsetAndMetadata lastCommit;

    private PartitionProgress(long commitPoint, BitSet finishedBefore) {
        this.commitPoint = commitPoint;
        this.skipFrom = commitPoint;
        this.finishedBefore = finishedBefore;
    }

    /**
     * @param committed the partition's committed offset, or null when the group has none (then the first record
     *        received sets the commit point)
     */
    static PartitionProgress resume(OffsetAndMetadata committed) {
        if (committed == null) {
            return new PartitionProgress(-1, new BitSet());
        }
        PartitionProgress progress = new PartitionProgress(committed.offset(), decode(committed.metadata()));
        progress.lastCommit = committed;
        return progress;
    }

    /**
     * A record fetched: {@code true} if it is to be processed, {@code false} if an earlier owner finished it after
     * its last commit (it now counts as finished here) or it lies below the commit point (fetched again after a seek).
     */
    boolean received(long offset, long nowMillis) {
        if (commitPoint < 0) {
            commitPoint = offset;
        }
        if (offset < commitPoint) {
            return false;
        }
        long beyondCommit = offset - skipFrom;
        if (beyondCommit >= 0 && beyondCommit < Integer.MAX_VALUE && finishedBefore.get((int) beyondCommit)) {
            finished.add(offset);
            return false;
        }
        unfinished.put(offset, nowMillis);
        return true;
    }

    /** A record processed (acked, or dead-lettered): an offset never received here, or revoked since, is ignored. */
    void finished(long offset) {
        if (unfinished.remove(offset) != null) {
            finished.add(offset);
        }
    }

    /** The commit to write, if it says anything the last one did not. */
    Optional<OffsetAndMetadata> nextCommit() {
        if (commitPoint < 0) {
            return Optional.empty();
        }
        if (!unfinished.isEmpty()) {
            commitPoint = unfinished.firstKey();
        } else if (!finished.isEmpty()) {
            commitPoint = finished.last() + 1;
        }
        finished.headSet(commitPoint).clear();
        OffsetAndMetadata commit = new OffsetAndMetadata(commitPoint, encode(commitPoint, finished));
        if (commit.equals(lastCommit)) {
            return Optional.empty();
        }
        return Optional.of(commit);
    }

    /** The commit was written (a failed one is simply tried again with the next). */
    void committed(OffsetAndMetadata commit) {
        lastCommit = commit;
    }

    int unfinishedCount() {
        return unfinished.size();
    }

    /** How long the oldest unfinished record has waited, 0 if none. */
    long oldestUnfinishedAgeMillis(long nowMillis) {
        // Received in offset order, so the lowest offset waited longest.
        return unfinished.isEmpty() ? 0 : nowMillis - unfinished.firstEntry().getValue();
    }

    static String encode(long commitPoint, TreeSet<Long> finishedBeyond) {
        if (finishedBeyond.isEmpty()) {
            return "";
        }
        BitSet bits = new BitSet();
        for (long offset : finishedBeyond.headSet(commitPoint + MAX_TRACKED_OFFSETS)) {
            bits.set(Math.toIntExact(offset - commitPoint));
        }
        return FORMAT + Base64.getEncoder().encodeToString(bits.toByteArray());
    }

    static BitSet decode(String metadata) {
        if (metadata == null || !metadata.startsWith(FORMAT)) {
            return new BitSet();
        }
        try {
            return BitSet.valueOf(Base64.getDecoder().decode(metadata.substring(FORMAT.length())));
        } catch (IllegalArgumentException e) {
            // Not ours after all: skipping nothing only costs re-runs.
            return new BitSet();
        }
    }
}
