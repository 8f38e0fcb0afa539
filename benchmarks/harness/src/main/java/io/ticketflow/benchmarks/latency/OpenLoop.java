package io.ticketflow.benchmarks.latency;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketflow.benchmarks.load.Http;
import io.ticketflow.benchmarks.load.Latencies;
import io.ticketflow.benchmarks.rig.Progress;
import io.ticketflow.client.TicketsHttp;
import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.TicketStatus;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Submits echo tickets at a fixed rate whatever the answers (open loop), and follows each through the long-poll
 * {@code GET /tickets/{id}?wait=30s} until it is terminal. A ticket's latency runs from when it was due to be sent,
 * so a stalled sender or service shows in the figures instead of hiding (coordinated omission).
 */
final class OpenLoop {

    private static final String BODY = "{\"type\":\"echo\",\"payload\":{\"text\":\"latency\"}}";
    private static final Duration UNKNOWN_RETRY = Duration.ofMillis(5);

    /**
     * @param latencies    due → terminal state seen
     * @param acceptances  due → 202 received: the part of the latency that is submitting
     * @param senderLag    due → actually sent: the harness' own share (a starved sender thread)
     * @param finishedRate measured tickets per second from the first one due to the last one finished: below the
     *                     offered rate when the system cannot keep up and a queue builds
     */
    record Outcome(Histogram latencies, Histogram acceptances, Histogram senderLag, int measured, double finishedRate,
            long errors, String firstError) {
    }

    private final TicketsHttp tickets;
    private final long periodNanos;
    private final int warmupTickets;
    private final int totalTickets;
    private final Histogram latencies = Latencies.histogram();
    private final Histogram acceptances = Latencies.histogram();
    private final Histogram senderLag = Latencies.histogram();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final AtomicLong lastFinishedNanos = new AtomicLong();
    private final CountDownLatch finished;
    private long startNanos;

    private OpenLoop(URI base, int rate, Duration warmup, Duration duration) {
        this.tickets = Http.tickets(base);
        this.periodNanos = 1_000_000_000L / rate;
        this.warmupTickets = (int) (rate * warmup.toSeconds());
        this.totalTickets = warmupTickets + (int) (rate * duration.toSeconds());
        this.finished = new CountDownLatch(totalTickets);
    }

    /**
     * The warm-up runs at the same rate on a schedule of its own, and the measured load starts only once every
     * warm-up ticket is finished: while the services' JIT is still cold they fall behind the rate, and the queue
     * built then would otherwise be measured as the steady state's latency.
     */
    /**
     * @param measuredStarts run just before the first measured ticket is due
     * @param measuredEnds   run once every measured ticket is terminal
     */
    static Outcome run(URI base, int rate, Duration warmup, Duration duration, Progress.Ticker ticker, Duration stall,
            Runnable measuredStarts, Runnable measuredEnds) throws InterruptedException {
        if (warmup.isPositive()) {
            OpenLoop warming = new OpenLoop(base, rate, warmup, Duration.ZERO);
            warming.drive("warm-up", ticker, stall);
            if (warming.errors.get() > 0) {
                throw new IllegalStateException("%,d warm-up tickets failed, e.g. %s".formatted(warming.errors.get(),
                        warming.firstError.get()));
            }
        }
        OpenLoop loop = new OpenLoop(base, rate, Duration.ZERO, duration);
        measuredStarts.run();
        loop.drive("measured", ticker, stall);
        measuredEnds.run();
        int measured = loop.totalTickets - loop.warmupTickets;
        long firstDue = loop.startNanos + loop.warmupTickets * loop.periodNanos;
        double finishedRate = measured / Math.max(1e-3, (loop.lastFinishedNanos.get() - firstDue) / 1e9);
        return new Outcome(loop.latencies, loop.acceptances, loop.senderLag, measured, finishedRate, loop.errors.get(),
                loop.firstError.get());
    }

    /** Sends every ticket on schedule and returns once each is terminal (or failed). */
    private void drive(String phase, Progress.Ticker ticker, Duration stall) throws InterruptedException {
        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("open-loop").daemon().factory());
        startNanos = System.nanoTime();
        sender.scheduleAtFixedRate(this::submitNext, 0, periodNanos, TimeUnit.NANOSECONDS);
        long lastCount = -1;
        long lastProgress = System.nanoTime();
        try {
            while (!finished.await(200, TimeUnit.MILLISECONDS)) {
                long remaining = finished.getCount();
                if (remaining != lastCount) {
                    lastCount = remaining;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > stall.toNanos()) {
                    throw new IllegalStateException(
                            "Lost tickets: %,d submitted tickets never finished (no progress for %ds)"
                                    .formatted(remaining, stall.toSeconds()));
                }
                ticker.tick(() -> "%s: %,d / %,d tickets submitted and seen terminal (%,d errors)".formatted(phase,
                        totalTickets - finished.getCount(), totalTickets, errors.get()));
            }
        } finally {
            sender.shutdownNow();
            tickets.close();
        }
    }

    private void submitNext() {
        int index = next.getAndIncrement();
        if (index >= totalTickets) {
            return;
        }
        long due = startNanos + index * periodNanos;
        if (index >= warmupTickets) {
            Latencies.record(senderLag, System.nanoTime() - due);
        }
        // Without an Idempotency-Key: a keyed submission would also wait for its decision before the 202.
        tickets.submit(BODY, null)
                .thenCompose(response -> {
                    if (response.statusCode() != 202) {
                        throw new IllegalStateException("POST answered " + response.statusCode() + ": " + response.body());
                    }
                    if (index >= warmupTickets) {
                        Latencies.record(acceptances, System.nanoTime() - due);
                    }
                    return awaitTerminal(json(response.body()).path("id").asText());
                })
                .whenComplete((ignored, error) -> {
                    if (error != null) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, error.toString());
                    } else if (index >= warmupTickets) {
                        long now = System.nanoTime();
                        Latencies.record(latencies, now - due);
                        lastFinishedNanos.accumulateAndGet(now, Math::max);
                    }
                    finished.countDown();
                });
    }

    /** Long-polls until the ticket is terminal; a view that has not seen the ticket yet (404) is asked again. */
    private CompletableFuture<Void> awaitTerminal(String id) {
        return tickets.get(id, "30s").thenCompose(response -> {
            if (response.statusCode() == 404) {
                return CompletableFuture.supplyAsync(() -> id,
                        CompletableFuture.delayedExecutor(UNKNOWN_RETRY.toMillis(), TimeUnit.MILLISECONDS))
                        .thenCompose(this::awaitTerminal);
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET answered " + response.statusCode() + ": " + response.body());
            }
            if (TicketStatus.valueOf(json(response.body()).path("status").asText()).isTerminal()) {
                return CompletableFuture.completedFuture(null);
            }
            return awaitTerminal(id);
        });
    }

    private static JsonNode json(String body) {
        try {
            return TicketJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + body, e);
        }
    }
}
