package io.ticketflow.benchmarks.memory;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketflow.benchmarks.BenchmarkOptions;
import io.ticketflow.benchmarks.BenchmarkOptions.StateLoad;
import io.ticketflow.benchmarks.kafka.BenchmarkTopics;
import io.ticketflow.benchmarks.kafka.RecordWriter;
import io.ticketflow.benchmarks.kafka.SampleTickets;
import io.ticketflow.benchmarks.kafka.TopicOffsets;
import io.ticketflow.benchmarks.load.Http;
import io.ticketflow.benchmarks.load.Latencies;
import io.ticketflow.benchmarks.report.Target;
import io.ticketflow.benchmarks.rig.CpuWindow;
import io.ticketflow.benchmarks.rig.Pause;
import io.ticketflow.benchmarks.rig.ProcessProbe;
import io.ticketflow.benchmarks.rig.ReadinessSampler;
import io.ticketflow.benchmarks.rig.Rig;
import io.ticketflow.benchmarks.rig.ScenarioContext;
import io.ticketflow.client.TicketStats;
import io.ticketflow.client.TicketflowClient;
import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketState;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.contract.Topics;
import io.ticketflow.process.PackagedService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S5 (a): what holding ticket state costs the producer, and how it gets it back after a restart.
 *
 * <ol>
 *   <li>0 tickets: a producer on a fresh state directory, heap after two full GCs.</li>
 *   <li>{@code --state-tickets} (1 M): the producer is stopped, that many tickets and their SUCCEEDED results (each
 *       with a {@code --result-bytes} result) are written to {@code tickets} and {@code ticket-results}, and the
 *       producer starts again on the same state directory: its state machine works off the backlog (two decisions a
 *       ticket, QUEUED and SUCCEEDED, counted on {@code ticket-state}: decisions/s from the first to the last) and its
 *       view applies them. Heap once the view holds them all; state directory and state topic sizes.</li>
 *   <li>{@code --state-max-tickets} (5 M): the rest the same way, or, when that would take longer than
 *       {@code --machine-budget} at the rate just measured ({@code --state-load auto}) or when told
 *       ({@code direct}), as decided SUCCEEDED states written straight to {@code ticket-state} (the state machine
 *       then decides nothing about them; the figures say so).</li>
 *   <li>Listing, at each of these points: {@link ListingLoad}'s closed loop on {@code GET /tickets} and
 *       {@code /tickets/stats}, p99 of 50-ticket pages against the same load on the empty view.</li>
 *   <li>Restart: the producer stopped (SIGTERM) and started again on its full state directory: process start →
 *       readiness UP.</li>
 *   <li>Rebuild: a producer on an empty state directory: process start → readiness UP, records restored per
 *       second, and what readiness said on the way (it must stay DOWN, with records left to restore, until its view
 *       holds every ticket).</li>
 * </ol>
 */
final class ProducerState {

    /** Room to spare: the figure is what the producer holds, not whether a smaller heap would do. */
    private static final String HEAP = "4g";
    private static final Duration READY = Duration.ofMinutes(60);
    private static final Duration STALL = Duration.ofMinutes(3);
    private static final Duration SAMPLE = Duration.ofMillis(250);
    private static final Duration READINESS_SAMPLE = Duration.ofMillis(100);
    /** Enough for the JIT to compile the listing path; the S3/S4 warm-up when that is shorter (smoke). */
    private static final Duration LISTING_WARMUP = Duration.ofSeconds(5);
    private static final double MIB = 1024 * 1024;
    private static final Pattern RESTORED = Pattern.compile("Restored (\\S+) from (\\S+): (\\d+) records");
    private static final Pattern STARTED = Pattern.compile("started in (\\d+(?:\\.\\d+)?)s");
    /** Kafka Streams' layout: {@code <state.dir>/<application.id>/global} holds the global store (the view). */
    private static final String APPLICATION_ID = "ticketflow-state";

    private final ScenarioContext context;
    private final Rig rig;

    /**
     * How a backlog of tickets was decided.
     *
     * @param cpu the producer's CPU over the deciding, the same span as {@code decidingSeconds}
     */
    private record Decided(long decisions, double decisionsPerSecond, double decidingSeconds, double heldAfterSeconds,
            CpuWindow cpu) {
    }

    /** Tickets in the producer's view, from {@code GET /tickets/stats} (counters, not a scan). */
    private record Held(long total, long succeeded) {
    }

    /** A state directory's bytes, and the part the read view (the global store) takes. */
    private record Disk(long total, long view) {
        long machine() {
            return total - view;
        }
    }

    private ProducerState(ScenarioContext context, Rig rig) {
        this.context = context;
        this.rig = rig;
    }

    static void run(ScenarioContext context) {
        try (Rig rig = context.openRig()) {
            new ProducerState(context, rig).measure();
        }
    }

    private void measure() {
        BenchmarkOptions options = context.options();
        int first = options.stateTickets();
        int largest = Math.max(first, options.stateMaxTickets());
        BenchmarkTopics.create(rig.bootstrapServers(), Topics.TICKETS, Topics.RESULTS);

        Path dir = rig.freshStateDir();
        PackagedService producer = rig.launchProducer(HEAP, dir);
        rig.awaitReady(producer, READY);
        long heap0 = ProcessProbe.heapUsedAfterGc(producer.pid());
        context.report(context.figure("producer heap after GC, 0 tickets held", "MiB", heap0 / MIB));
        ListingLoad.Outcome listed0 = listing(producer, 0, Instant.now(), null);

        // The first point: through the state machine, from a backlog it works off at its own pace.
        producer.stop();
        Instant middle = writeTicketsAndResults(0, first);
        Decided decided = startAndAwaitDecided(producer, first, 2L * first);
        long heap1 = ProcessProbe.heapUsedAfterGc(producer.pid());
        listing(producer, first, middle, listed0);
        // Stopped gracefully: Kafka Streams flushes and closes its stores, so the directory is what a restart finds.
        producer.stop();
        Disk disk1 = disk(dir);
        context.report(context.figure("state machine, %,d tickets (ticket + SUCCEEDED result each)".formatted(first),
                "decisions/s", decided.decisionsPerSecond()));
        context.note(String.format(Locale.ROOT, "state machine: %,d decisions (QUEUED and SUCCEEDED per ticket) in %.1f s, "
                        + "a backlog written while the producer was stopped; its view held all %,d tickets %.1f s after "
                        + "the process started", decided.decisions(), decided.decidingSeconds(), first,
                decided.heldAfterSeconds()));
        reportCpu("a backlog of %,d tickets".formatted(first), decided, first);
        context.report(context.figure("producer heap after GC, %,d tickets held".formatted(first), "MiB", heap1 / MIB)
                .against("0 tickets held", heap0 / MIB));
        reportDisk(first, "", disk1, first);
        context.report(context.figure("ticket-state topic per ticket, %,d tickets held".formatted(first), "B",
                rig.topicBytes(Topics.STATE) / (double) first));

        // The largest point: the rest through the state machine, or written straight to the view's topic.
        long heapN = heap1;
        String how = "";
        if (largest > first) {
            int rest = largest - first;
            StateLoad load = chooseLoad(options, decided, rest);
            if (load == StateLoad.MACHINE) {
                writeTicketsAndResults(first, largest);
                Decided more = startAndAwaitDecided(producer, largest, 2L * rest);
                context.note(String.format(Locale.ROOT, "state machine, %,d more tickets on top of %,d: %,d decisions "
                        + "in %.1f s, %.0f decisions/s", rest, first, more.decisions(), more.decidingSeconds(),
                        more.decisionsPerSecond()));
                reportCpu("%,d more tickets on top of %,d".formatted(rest, first), more, rest);
            } else {
                long writing = System.nanoTime();
                writeDecidedStates(first, largest);
                long starting = System.nanoTime();
                producer.start();
                rig.awaitReady(producer, READY);
                awaitHeld(producer, largest);
                how = " (%,d written straight to ticket-state)".formatted(rest);
                context.note(String.format(Locale.ROOT, "%,d decided states written straight to ticket-state in %.0f s; "
                        + "the producer, started on its state dir of %,d tickets, held all %,d %.0f s later (its view "
                        + "restored the new records first)", rest, (starting - writing) / 1e9, first, largest,
                        (System.nanoTime() - starting) / 1e9));
            }
            heapN = ProcessProbe.heapUsedAfterGc(producer.pid());
            listing(producer, largest, middle, listed0);
            producer.stop();
            context.report(context.figure("producer heap after GC, %,d tickets held%s".formatted(largest, how), "MiB",
                    heapN / MIB).against("0 tickets held", heap0 / MIB));
            reportDisk(largest, how, disk(dir), how.isEmpty() ? largest : first);
        }
        context.report(context.figure("producer heap growth, 0 → %,d tickets held".formatted(largest), "MiB",
                (heapN - heap0) / MIB).targeting(Target.atMost(64)));
        long stateTopic = rig.topicBytes(Topics.STATE);
        long stateRecords;
        try (TopicOffsets offsets = new TopicOffsets(rig.bootstrapServers(), Topics.STATE)) {
            stateRecords = offsets.written();
        }
        context.report(context.figure("ticket-state topic per ticket, %,d tickets held%s".formatted(largest, how), "B",
                stateTopic / (double) largest));
        context.note(String.format(Locale.ROOT, "ticket-state log segments on the broker's disk: %.0f MiB, %,d records (a "
                        + "QUEUED and a SUCCEEDED decision per ticket the state machine decided, one record per ticket "
                        + "written straight; compaction drops superseded decisions from rolled segments only, the active "
                        + "segment never)", stateTopic / MIB,
                stateRecords));

        restartOnItsState(producer, largest, how);
        producer.stop();
        rig.deleteStateDir(dir);
        rebuildFromEmpty(largest, how);
    }

    /**
     * The listing endpoints under a closed loop of {@link ListingLoad#CLIENTS} clients, on a producer holding
     * {@code held} tickets: p99 of 50-ticket pages (target 50 ms at any size held), and apart the largest page.
     *
     * @param empty what the same load measured on an empty view, or {@code null} when this is it
     */
    private ListingLoad.Outcome listing(PackagedService producer, int held, Instant submittedAfter,
            ListingLoad.Outcome empty) {
        BenchmarkOptions options = context.options();
        Duration warmup = options.warmup().compareTo(LISTING_WARMUP) < 0 ? options.warmup() : LISTING_WARMUP;
        context.say("listing load, %,d tickets held: %d clients, %d s warm-up, %d s measured", held,
                ListingLoad.CLIENTS, warmup.toSeconds(), options.duration().toSeconds());
        ListingLoad.Outcome outcome = new ListingLoad(producer, submittedAfter).run(warmup, options.duration());
        var pages = context.figure("listing p99, 50-ticket pages, %,d tickets held".formatted(held), "ms",
                Latencies.percentileMillis(outcome.pages(), 99));
        var largest = context.figure("listing p99, %s, %,d tickets held".formatted(ListingLoad.LARGEST, held), "ms",
                Latencies.percentileMillis(outcome.byKind().get(ListingLoad.LARGEST), 99));
        if (empty != null) {
            pages = pages.against("0 tickets held", Latencies.percentileMillis(empty.pages(), 99));
            largest = largest.against("0 tickets held",
                    Latencies.percentileMillis(empty.byKind().get(ListingLoad.LARGEST), 99));
        }
        context.report(pages.targeting(Target.atMost(50)));
        context.report(largest);
        context.note(String.format(Locale.ROOT, "listing, %,d tickets held: %.0f requests/s over %d clients; %s", held,
                outcome.requestsPerSecond(), ListingLoad.CLIENTS, outcome.describe()));
        return outcome;
    }

    /** (a) The producer stopped and started again on its full state directory. */
    private void restartOnItsState(PackagedService producer, int held, String how) {
        context.say("restart on the state directory of %,d tickets", held);
        long start = System.nanoTime();
        producer.start();
        ReadinessSampler.Outcome outcome = ReadinessSampler.awaitUp(producer, start, READINESS_SAMPLE, READY,
                context.ticker());
        Held view = held(producer);
        if (view == null || view.total() != held) {
            throw new IllegalStateException("The restarted producer was ready holding %s of %,d tickets; see %s"
                    .formatted(view == null ? "none" : "%,d".formatted(view.total()), held, producer.log()));
        }
        context.report(context.figure("producer restart on its state dir, %,d tickets%s: start → ready"
                .formatted(held, how), "s", outcome.readySeconds()).targeting(Target.atMost(30)));
        context.note(String.format(Locale.ROOT, "restart: HTTP answered %.1f s after the process started (Quarkus says "
                        + "'started in %s s'), ready at %.1f s; readiness DOWN with records left to restore in %d of %d "
                        + "answers (at most %,d left)", outcome.answeredSeconds(), lastStartedIn(producer.log()),
                outcome.readySeconds(), outcome.downRestoring(), outcome.samples(), outcome.maxLeftToRestore()));
    }

    /** (b) A producer on an empty state directory rebuilds every store from its topics. */
    private void rebuildFromEmpty(int held, String how) {
        Path empty = rig.freshStateDir();
        context.say("a producer on an empty state directory: rebuilds %,d tickets", held);
        long start = System.nanoTime();
        PackagedService producer = rig.launchProducer(HEAP, empty);
        ReadinessSampler.Outcome outcome = ReadinessSampler.awaitUp(producer, start, READINESS_SAMPLE, READY,
                context.ticker());
        Held view = held(producer);
        long restored = restoredRecords(producer.log());
        context.report(context.figure("producer on an empty state dir, %,d tickets%s: start → ready"
                .formatted(held, how), "s", outcome.readySeconds()));
        context.report(context.figure("producer on an empty state dir: records rebuilt, start → ready", "records/s",
                restored / outcome.readySeconds()));
        context.note(String.format(Locale.ROOT, "rebuild: %,d records restored (the view from ticket-state, the state "
                        + "machine's stores from their changelogs; 'Restored' lines of %s); HTTP answered at %.1f s, "
                        + "ready at %.1f s", restored, producer.log().getFileName(), outcome.answeredSeconds(),
                outcome.readySeconds()));
        context.note(outcome.downRestoring() > 0
                ? String.format(Locale.ROOT, "rebuild: readiness reported DOWN with recordsLeftToRestore > 0 in %d of %d "
                        + "answers, from %.1f s to %.1f s after start (first %,d left, at most %,d, of the %,d it "
                        + "restored), then UP at %.1f s holding %,d of %,d tickets", outcome.downRestoring(),
                outcome.samples(), outcome.firstRestoringSeconds(), outcome.lastRestoringSeconds(),
                outcome.firstLeftToRestore(), outcome.maxLeftToRestore(), restored, outcome.readySeconds(),
                view == null ? 0 : view.total(), held)
                : String.format(Locale.ROOT, "rebuild: readiness never reported recordsLeftToRestore > 0 in its %d answers "
                        + "(the restore was over before HTTP answered at %.1f s, or the restore listener saw nothing); "
                        + "UP at %.1f s holding %,d of %,d tickets", outcome.samples(), outcome.answeredSeconds(),
                outcome.readySeconds(), view == null ? 0 : view.total(), held));
        if (outcome.upWhileRestoring() > 0 || view == null || view.total() != held) {
            throw new IllegalStateException(("Readiness reported UP before the rebuild ended: its view held %s of %,d "
                    + "tickets, %,d records still left to restore; see %s").formatted(
                    view == null ? "none" : "%,d".formatted(view.total()), held,
                    outcome.upWhileRestoring() > 0 ? outcome.maxLeftToRestore() : 0, producer.log()));
        }
        rig.stop(producer);
        rig.deleteStateDir(empty);
    }

    /** @param decided how many of the held tickets the state machine decided (its stores hold those only) */
    private void reportDisk(int held, String how, Disk disk, int decided) {
        context.report(context.figure("state dir per ticket, %,d tickets held%s".formatted(held, how), "B",
                disk.total() / (double) held));
        context.note(String.format(Locale.ROOT, "state dir at %,d tickets (producer stopped, stores closed): %.0f MiB; "
                        + "the view (global store) %.0f B per ticket held; the state machine's stores %.0f B per ticket "
                        + "it decided (%,d)", held, disk.total() / MIB, disk.view() / (double) held,
                disk.machine() / (double) decided, decided));
    }

    /**
     * The producer's CPU per ticket while its state machine decided a backlog: its view applies the decisions
     * meanwhile, as far as it keeps up, so that is in it too; start-up is not, the window opening at the last sample
     * with no decision made yet.
     */
    private void reportCpu(String backlog, Decided decided, int tickets) {
        context.reportCpuPerTicket("producer CPU per ticket, state machine deciding " + backlog, decided.cpu(), 0,
                tickets);
    }

    private StateLoad chooseLoad(BenchmarkOptions options, Decided decided, int rest) {
        if (options.stateLoad() != StateLoad.AUTO) {
            context.say("%,d more tickets: %s (--state-load)", rest, options.stateLoad().name().toLowerCase(Locale.ROOT));
            return options.stateLoad();
        }
        double projected = 2.0 * rest / Math.max(1, decided.decisionsPerSecond());
        StateLoad load = projected <= options.machineBudget().toSeconds() ? StateLoad.MACHINE : StateLoad.DIRECT;
        context.note(String.format(Locale.ROOT, "%,d more tickets at %.0f decisions/s would take the state machine about "
                        + "%.0f s (budget %d s): %s", rest, decided.decisionsPerSecond(), projected,
                options.machineBudget().toSeconds(), load == StateLoad.MACHINE ? "through the state machine"
                        : "written straight to ticket-state instead"));
        return load;
    }

    /**
     * Tickets {@code [from, to)} and a SUCCEEDED result each, as a client and a worker would have written them.
     *
     * @return when the ticket half-way through was submitted
     */
    private Instant writeTicketsAndResults(int from, int to) {
        int bytes = context.options().resultBytes();
        context.say("writing %,d tickets and their SUCCEEDED results (%,d B result each) to %s and %s", to - from,
                bytes, Topics.TICKETS, Topics.RESULTS);
        Instant middle = Instant.now();
        try (RecordWriter writer = new RecordWriter(rig.bootstrapServers())) {
            var ticker = context.ticker();
            for (int i = from; i < to; i++) {
                TicketRecord ticket = SampleTickets.echo(i);
                if (i == from + (to - from) / 2) {
                    middle = ticket.submittedAt();
                }
                writer.send(Topics.TICKETS, ticket.id(), ticket);
                writer.send(Topics.RESULTS, ticket.id(), SampleTickets.succeeded(ticket, SampleTickets.result(i, bytes)));
                int written = i + 1;
                ticker.tick(() -> "writing: %,d / %,d tickets".formatted(written - from, to - from));
            }
            writer.flush();
        }
        return middle;
    }

    /**
     * Tickets {@code [from, to)} as the state machine would have decided them (SUCCEEDED, revision 2, the same
     * fields), written straight to {@code ticket-state} keyed by id: the view's input, without deciding.
     */
    private void writeDecidedStates(int from, int to) {
        int bytes = context.options().resultBytes();
        context.say("writing %,d decided SUCCEEDED states (%,d B result each) straight to %s", to - from, bytes,
                Topics.STATE);
        try (RecordWriter writer = new RecordWriter(rig.bootstrapServers())) {
            var ticker = context.ticker();
            for (int i = from; i < to; i++) {
                Instant now = Instant.now();
                String id = UUID.randomUUID().toString();
                JsonNode result = SampleTickets.result(i, bytes);
                writer.send(Topics.STATE, id, new TicketState(id, 2, "echo", TicketStatus.SUCCEEDED, 1, now, now, now,
                        null, result, null, "benchmark", null, null, null, null, null, null, null, null, now, null, null, null, null,
                        null, null));
                int written = i + 1;
                ticker.tick(() -> "writing %s: %,d / %,d".formatted(Topics.STATE, written - from, to - from));
            }
            writer.flush();
        }
    }

    /**
     * Starts the stopped producer and follows its state machine through the backlog: the decisions it writes to
     * {@code ticket-state} (end offsets, every {@link #SAMPLE}) and the tickets its view holds.
     */
    private Decided startAndAwaitDecided(PackagedService producer, long expectHeld, long expectDecisions) {
        try (TopicOffsets offsets = new TopicOffsets(rig.bootstrapServers(), Topics.STATE)) {
            long base = offsets.written();
            long start = System.nanoTime();
            producer.start();
            CpuWindow cpu = CpuWindow.of(producer.pid());
            cpu.open();
            context.say("producer restarted on a backlog of %,d tickets; following its decisions", expectHeld);
            long lastZero = start;
            long done = -1;
            long decisions = 0;
            long lastProgress = start;
            long lastCheck = 0;
            Held held = null;
            var ticker = context.ticker();
            while (true) {
                producer.checkAlive();
                long now = System.nanoTime();
                long made = offsets.written() - base;
                if (made == 0) {
                    lastZero = now;
                    cpu.open();
                }
                if (made != decisions) {
                    decisions = made;
                    lastProgress = now;
                }
                if (done < 0 && made >= expectDecisions) {
                    done = now;
                    cpu.close();
                }
                if (now - lastCheck >= Duration.ofSeconds(1).toNanos()) {
                    lastCheck = now;
                    Held seen = held(producer);
                    if (seen != null && !seen.equals(held)) {
                        held = seen;
                        lastProgress = now;
                    }
                    if (held != null && held.succeeded() >= expectHeld) {
                        if (done < 0) {
                            done = now; // fewer decisions than expected, yet every ticket is SUCCEEDED
                            cpu.close();
                        }
                        break;
                    }
                }
                if (now - lastProgress > STALL.toNanos()) {
                    throw new IllegalStateException(("Lost tickets: the state machine made %,d of %,d decisions and the "
                            + "view holds %s of %,d tickets, no progress for %d s; see %s").formatted(made,
                            expectDecisions, held, expectHeld, STALL.toSeconds(), producer.log()));
                }
                long shown = made;
                Held shownHeld = held;
                ticker.tick(() -> "state machine: %,d / %,d decisions; view holds %s".formatted(shown, expectDecisions,
                        shownHeld == null ? "(not answering yet)" : "%,d SUCCEEDED".formatted(shownHeld.succeeded())));
                Pause.briefly(SAMPLE);
            }
            double heldAfter = (System.nanoTime() - start) / 1e9;
            rig.awaitReady(producer, READY);
            double seconds = Math.max(1e-3, (done - lastZero) / 1e9);
            return new Decided(decisions, decisions / seconds, seconds, heldAfter, cpu);
        }
    }

    private void awaitHeld(PackagedService producer, long expect) {
        long lastProgress = System.nanoTime();
        Held last = null;
        var ticker = context.ticker();
        while (true) {
            producer.checkAlive();
            Held held = held(producer);
            if (held != null && held.total() >= expect) {
                return;
            }
            if (held != null && !held.equals(last)) {
                last = held;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                throw new IllegalStateException("The view holds %s of %,d tickets, no progress for %d s; see %s"
                        .formatted(last, expect, STALL.toSeconds(), producer.log()));
            }
            Held shown = held;
            ticker.tick(() -> "view holds %s of %,d tickets".formatted(shown == null ? "?" : "%,d".formatted(shown.total()),
                    expect));
            Pause.briefly(Duration.ofMillis(500));
        }
    }

    /** The view's counters, or {@code null} while the producer does not answer them (starting, restoring). */
    private Held held(PackagedService producer) {
        try (TicketflowClient client = Http.client(producer.uri(""))) {
            TicketStats stats = client.stats().toCompletableFuture().join();
            return new Held(stats.total(), Http.succeeded(stats));
        } catch (CompletionException notAnswering) {
            return null;
        }
    }

    private static Disk disk(Path stateDir) {
        return new Disk(Rig.directoryBytes(stateDir),
                Rig.directoryBytes(stateDir.resolve(APPLICATION_ID).resolve("global")));
    }

    /** Records the producer's restore listener reported restored, over all stores and partitions of its last start. */
    private static long restoredRecords(Path log) {
        long total = 0;
        Matcher matcher = RESTORED.matcher(read(log));
        while (matcher.find()) {
            total += Long.parseLong(matcher.group(3));
        }
        return total;
    }

    private static String lastStartedIn(Path log) {
        Matcher matcher = STARTED.matcher(read(log));
        String last = "?";
        while (matcher.find()) {
            last = matcher.group(1);
        }
        return last;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
