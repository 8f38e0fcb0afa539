package io.ticketflow.benchmarks.kafka;

import io.ticketflow.benchmarks.rig.CpuWindow;
import io.ticketflow.benchmarks.rig.Pause;
import io.ticketflow.benchmarks.rig.Progress;
import io.ticketflow.process.PackagedService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * Follows a results topic from its beginning on a thread of its own (every partition assigned, no group) and keeps,
 * for each expected ticket, whether it started and finished, and when. Results of other tickets are ignored.
 */
public final class ResultCollector implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final byte STARTED = 1;
    private static final byte TERMINAL = 2;

    private final String topic;
    private final Map<String, Integer> index;
    private final long[] startedAt;
    private final long[] finishedAt;
    private final long[] writtenAt;
    private final byte[] state;
    private final Map<String, Integer> terminalByWorker = new TreeMap<>();
    private final Thread poller;
    private volatile boolean closing;
    private volatile RuntimeException pollFailure;

    private int started;
    private int terminal;
    private int failed;
    private String firstFailure;
    private long firstMicros = Long.MAX_VALUE;
    private long lastMicros;

    private ResultCollector(String bootstrapServers, String topic, List<String> ids) {
        this.topic = topic;
        this.index = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        this.startedAt = new long[ids.size()];
        this.finishedAt = new long[ids.size()];
        this.writtenAt = new long[ids.size()];
        this.state = new byte[ids.size()];
        this.poller = Thread.ofPlatform().name("results-" + topic).daemon().unstarted(() -> follow(bootstrapServers));
    }

    public static ResultCollector start(String bootstrapServers, String topic, List<String> ids) {
        ResultCollector collector = new ResultCollector(bootstrapServers, topic, ids);
        collector.poller.start();
        return collector;
    }

    /**
     * Waits until every expected ticket has a terminal result. Fails when the service dies, when no ticket
     * progresses for {@code stall} (lost tickets), or when any ticket FAILED: then the figure would be meaningless.
     *
     * @param warmup how many of the first tickets to finish only warm the service up (JIT) and are not measured
     */
    public Drain awaitTerminal(PackagedService service, Progress.Ticker ticker, Duration stall, int warmup) {
        await(() -> terminal, "finished", service, ticker, stall, finished -> { });
        return checkedDrain(warmup);
    }

    /**
     * {@link #awaitTerminal(PackagedService, Progress.Ticker, Duration, int)}, taking the service's CPU over the
     * measured part too: {@code cpu} opens once the first {@code warmup} tickets are finished and closes once every
     * ticket is. The collector sees results a poll late and may see the warm-up's last ones together with measured
     * ones, so the tickets the CPU is divided by are counted when it opens, not assumed.
     */
    public Measured awaitTerminal(PackagedService service, Progress.Ticker ticker, Duration stall, int warmup,
            CpuWindow cpu) {
        int[] finishedAtOpen = {-1};
        await(() -> terminal, "finished", service, ticker, stall, finished -> {
            if (finishedAtOpen[0] < 0 && finished >= warmup) {
                cpu.open();
                finishedAtOpen[0] = finished;
            }
        });
        cpu.close();
        return new Measured(checkedDrain(warmup), state.length - finishedAtOpen[0]);
    }

    /**
     * A drain whose CPU was taken as well.
     *
     * @param cpuTickets the tickets finished while the CPU window was open
     */
    public record Measured(Drain drain, int cpuTickets) {
    }

    /** Waits until every expected ticket has at least started (a RUNNING result, or a terminal one). */
    public void awaitStarted(PackagedService service, Progress.Ticker ticker, Duration stall) {
        await(() -> started, "started", service, ticker, stall, count -> { });
    }

    private Drain checkedDrain(int warmup) {
        synchronized (this) {
            if (failed > 0) {
                throw new IllegalStateException("%,d of %,d tickets FAILED on %s, e.g. %s".formatted(
                        failed, state.length, topic, firstFailure));
            }
        }
        return drain(warmup);
    }

    /**
     * The tickets finished after the first {@code warmup} ones, from the moment the warm-up was done; with no
     * warm-up, from the first ticket's start. The peak in flight is over all of them.
     */
    synchronized Drain drain(int warmup) {
        long[] starts = new long[terminal];
        long[] ends = new long[terminal];
        long[] written = new long[terminal];
        int n = 0;
        int w = 0;
        for (int i = 0; i < state.length; i++) {
            if (state[i] != TERMINAL) {
                continue;
            }
            written[w++] = writtenAt[i];
            if (startedAt[i] >= 0 && finishedAt[i] >= 0) {
                starts[n] = startedAt[i];
                ends[n] = finishedAt[i];
                n++;
            }
        }
        Arrays.sort(written, 0, w);
        long from = warmup == 0 || w < warmup ? firstMicros : written[warmup - 1];
        return new Drain(terminal - Math.min(warmup, terminal), from, lastMicros,
                peakOverlap(Arrays.copyOf(starts, n), Arrays.copyOf(ends, n)));
    }

    /** When the ticket's handler started (its results' earliest startedAt), epoch microseconds; -1 if not known. */
    public synchronized long startedAtMicros(String id) {
        Integer i = index.get(id);
        return i == null || state[i] == 0 ? -1 : startedAt[i];
    }

    /** Terminal tickets by the {@code worker} that wrote their result (results without one under "?"). */
    public synchronized Map<String, Integer> terminalByWorker() {
        return new TreeMap<>(terminalByWorker);
    }

    @Override
    public void close() {
        closing = true;
        try {
            poller.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The largest number of [start, end) intervals covering one instant; an end and a start at once do not overlap. */
    static int peakOverlap(long[] starts, long[] ends) {
        Arrays.sort(starts);
        Arrays.sort(ends);
        int peak = 0;
        int current = 0;
        int j = 0;
        for (long start : starts) {
            while (j < ends.length && ends[j] <= start) {
                current--;
                j++;
            }
            peak = Math.max(peak, ++current);
        }
        return peak;
    }

    /** @param seen told each count as it is read, before it is checked: to act at a point of the progress */
    private void await(IntSupplier count, String what, PackagedService service, Progress.Ticker ticker, Duration stall,
            IntConsumer seen) {
        int total = state.length;
        int last = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            int now;
            synchronized (this) {
                now = count.getAsInt();
            }
            seen.accept(now);
            if (now >= total) {
                return;
            }
            if (pollFailure != null) {
                throw pollFailure;
            }
            service.checkAlive();
            if (now != last) {
                last = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > stall.toNanos()) {
                throw new IllegalStateException("Lost tickets: %,d of %,d never %s on %s (no progress for %ds); see %s"
                        .formatted(total - now, total, what, topic, stall.toSeconds(), service.log()));
            }
            int shown = now;
            ticker.tick(() -> "%s: %,d / %,d tickets %s".formatted(service.name(), shown, total, what));
            Pause.briefly(Duration.ofMillis(20));
        }
    }

    private void follow(String bootstrapServers) {
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(bootstrapServers, null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!closing) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    ResultFields fields = ResultFields.parse(record.value());
                    if (fields != null) {
                        observe(fields, record.timestamp() * 1_000);
                    }
                }
            }
        } catch (RuntimeException e) {
            pollFailure = e;
        }
    }

    private synchronized void observe(ResultFields result, long writtenMicros) {
        Integer i = index.get(result.ticketId());
        if (i == null || state[i] == TERMINAL) {
            return;
        }
        if (state[i] == 0) {
            started++;
            startedAt[i] = result.startedAt();
        }
        if (result.startedAt() >= 0) {
            startedAt[i] = startedAt[i] < 0 ? result.startedAt() : Math.min(startedAt[i], result.startedAt());
        }
        firstMicros = Math.min(firstMicros, result.startedAt() >= 0 ? result.startedAt() : writtenMicros);
        if (!result.terminal()) {
            state[i] = STARTED;
            return;
        }
        state[i] = TERMINAL;
        terminal++;
        finishedAt[i] = result.finishedAt() >= 0 ? result.finishedAt() : writtenMicros;
        writtenAt[i] = writtenMicros;
        terminalByWorker.merge(result.worker() == null ? "?" : result.worker(), 1, Integer::sum);
        lastMicros = Math.max(lastMicros, writtenMicros);
        if (!"SUCCEEDED".equals(result.status())) {
            failed++;
            if (firstFailure == null) {
                firstFailure = result.ticketId() + " " + result.status() + " (" + result.errorCode() + ")";
            }
        }
    }
}
