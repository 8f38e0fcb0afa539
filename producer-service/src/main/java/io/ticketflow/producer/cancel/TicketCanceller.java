package io.ticketflow.producer.cancel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.ticketflow.contract.TicketCommand;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.producer.status.TicketStore;
import io.ticketflow.producer.status.TicketView;
import io.ticketflow.producer.submit.KafkaWrites;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Set;

/**
 * Cancels tickets through Kafka, so that it works whichever processes hold them: a command every worker reads (it
 * skips the ticket, or cancels its running handler and writes CANCELLED), and, for a ticket that is not running,
 * its CANCELLED result at once, so that every instance's view shows it without waiting for a worker.
 */
@ApplicationScoped
public class TicketCanceller {

    static final String REASON = "cancelled by client";
    private static final Set<TicketStatus> WAITING = Set.of(TicketStatus.QUEUED, TicketStatus.RETRYING);

    private final MutinyEmitter<TicketCommand> commands;
    private final MutinyEmitter<TicketResult> results;
    private final KafkaWrites writes;
    private final TicketStore store;
    private final String writer;

    public TicketCanceller(@Channel("commands-out") MutinyEmitter<TicketCommand> commands,
            @Channel("results-out") MutinyEmitter<TicketResult> results, KafkaWrites writes, TicketStore store,
            InstanceConfig instance) {
        this.commands = commands;
        this.results = results;
        this.writes = writes;
        this.store = store;
        this.writer = "producer:" + instance.id().orElseGet(TicketCanceller::hostAndPid);
    }

    /**
     * @return the ticket's view once the cancellation is durable: CANCELLED for a ticket that waited to run,
     *         unchanged for a running one (its worker reports CANCELLED); a failure with
     *         {@link AlreadyFinishedException} for a finished one
     */
    public Uni<TicketView> cancel(TicketView view) {
        if (view.isTerminal()) {
            return Uni.createFrom().failure(new AlreadyFinishedException(view.id(), view.status()));
        }
        Instant now = Instant.now();
        // The command first: a CANCELLED result without it could let a worker that already fetched the ticket run it.
        Uni<Void> command = writes.send(commands, view.id(), TicketCommand.cancel(view.id(), now), "cancellation");
        if (!WAITING.contains(view.status())) {
            return command.map(ignored -> store.get(view.id()));
        }
        TicketResult cancelled = TicketResult.cancelled(view.id(), view.attempt(), REASON, now, writer);
        return command
                .chain(() -> writes.send(results, view.id(), cancelled, "cancellation"))
                // Read-your-writes, as for a submission.
                .invoke(() -> store.applyResult(cancelled))
                .map(ignored -> store.get(view.id()));
    }

    private static String hostAndPid() {
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
        } catch (UnknownHostException e) {
            return "unknown-host-" + ProcessHandle.current().pid();
        }
    }
}
