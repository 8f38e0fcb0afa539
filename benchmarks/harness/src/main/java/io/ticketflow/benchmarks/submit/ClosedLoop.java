package io.ticketflow.benchmarks.submit;

import io.ticketflow.benchmarks.load.Latencies;
import io.ticketflow.benchmarks.rig.Progress;
import io.ticketflow.client.TicketsHttp;
import org.HdrHistogram.Histogram;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed loop of {@code connections} clients, each sending its next POST as soon as the last one is answered.
 * Only requests sent after the warm-up and answered before the end count.
 */
final class ClosedLoop {

    /** How many tickets an answer accepted: all it was sent, or else it counts as an error. */
    @FunctionalInterface
    interface Answers {
        boolean acceptedAll(HttpResponse<String> response);
    }

    /** One request of a client of the loop, through the raw calls, its answer whole. */
    @FunctionalInterface
    interface Request {
        CompletableFuture<HttpResponse<String>> send(TicketsHttp tickets);
    }

    /**
     * What the measured window saw.
     *
     * @param accepted requests whose every ticket was accepted
     */
    record Outcome(double requestsPerSecond, Histogram latencies, long accepted, long errors, String firstError,
            int ticketsPerRequest) {

        long tickets() {
            return accepted * ticketsPerRequest;
        }

        double ticketsPerSecond() {
            return requestsPerSecond * ticketsPerRequest;
        }
    }

    private final TicketsHttp tickets;
    private final Request request;
    private final Histogram latencies = Latencies.histogram();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final CountDownLatch clientsDone;
    private final long measureFrom;
    private final long measureUntil;
    private final Answers answers;

    private ClosedLoop(TicketsHttp tickets, Request request, int connections, Duration warmup, Duration duration,
            Answers answers) {
        this.tickets = tickets;
        this.request = request;
        this.answers = answers;
        this.clientsDone = new CountDownLatch(connections);
        this.measureFrom = System.nanoTime() + warmup.toNanos();
        this.measureUntil = measureFrom + duration.toNanos();
    }

    /**
     * @param tickets           where to send, closed once the loop is done
     * @param ticketsPerRequest how many tickets each request carries
     * @param answers           tells an answer that accepted them all from an error
     * @param windowOpens       run when the measured window opens (the warm-up is over)
     * @param windowCloses      run when it closes
     */
    static Outcome run(TicketsHttp tickets, String name, Request request, int ticketsPerRequest, Answers answers,
            int connections, Duration warmup, Duration duration, Progress.Ticker ticker, Runnable windowOpens,
            Runnable windowCloses) throws InterruptedException {
        ClosedLoop loop = new ClosedLoop(tickets, request, connections, warmup, duration, answers);
        ScheduledExecutorService window = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("measured-window").daemon().factory());
        var opened = window.schedule(windowOpens, loop.measureFrom - System.nanoTime(), TimeUnit.NANOSECONDS);
        var closed = window.schedule(windowCloses, loop.measureUntil - System.nanoTime(), TimeUnit.NANOSECONDS);
        for (int i = 0; i < connections; i++) {
            loop.sendNext();
        }
        while (!loop.clientsDone.await(200, TimeUnit.MILLISECONDS)) {
            ticker.tick(() -> "%s %s: %,d accepted, %,d errors in the measured window".formatted(
                    name, tickets.base(), loop.accepted.get(), loop.errors.get()));
        }
        try {
            opened.get();
            closed.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Measuring the window failed", e.getCause());
        } finally {
            window.shutdownNow();
        }
        tickets.close();
        return new Outcome(loop.accepted.get() / (duration.toNanos() / 1e9), loop.latencies, loop.accepted.get(),
                loop.errors.get(), loop.firstError.get(), ticketsPerRequest);
    }

    private void sendNext() {
        long sent = System.nanoTime();
        if (sent >= measureUntil) {
            clientsDone.countDown();
            return;
        }
        request.send(tickets).whenComplete((response, error) -> {
            long answered = System.nanoTime();
            if (sent >= measureFrom && answered <= measureUntil) {
                count(response, error, answered - sent);
            }
            sendNext();
        });
    }

    private void count(HttpResponse<String> response, Throwable error, long nanos) {
        if (error == null && answers.acceptedAll(response)) {
            accepted.incrementAndGet();
            Latencies.record(latencies, nanos);
            return;
        }
        errors.incrementAndGet();
        firstError.compareAndSet(null, error != null ? error.toString()
                : response.statusCode() + " " + response.body().substring(0, Math.min(500, response.body().length())));
    }
}
