package io.ticketflow.producer.cancel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.ticketflow.contract.TicketCommand;
import io.ticketflow.contract.TicketState;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.producer.kafka.KafkaWrites;
import io.ticketflow.producer.kafka.UnavailableException;
import io.ticketflow.producer.query.TicketFinder;
import io.ticketflow.producer.kafka.SubmitConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.time.Instant;
import java.util.UUID;

/**
 * Cancels tickets by asking the state machine: a command on {@code ticket-commands}, which every worker also reads
 * (to skip the ticket, or stop its running handler). The answer is the decision: CANCELLED by this very command, or
 * a terminal state some other event decided first, so the API never says CANCELLED while a callback says otherwise.
 */
@ApplicationScoped
public class TicketCanceller {

    private final MutinyEmitter<TicketCommand> commands;
    private final KafkaWrites writes;
    private final TicketFinder finder;
    private final SubmitConfig config;

    public TicketCanceller(@Channel("commands-out") MutinyEmitter<TicketCommand> commands, KafkaWrites writes,
            TicketFinder finder, SubmitConfig config) {
        this.commands = commands;
        this.writes = writes;
        this.finder = finder;
        this.config = config;
    }

    /**
     * @return the ticket CANCELLED by this request; a failure with {@link AlreadyFinishedException} when it was, or
     *         got, terminal otherwise, or with an UnavailableException when the decision did not come in time
     */
    public Uni<TicketState> cancel(TicketState ticket) {
        if (ticket.isTerminal()) {
            return Uni.createFrom().failure(new AlreadyFinishedException(ticket.id(), ticket.status()));
        }
        String requestId = UUID.randomUUID().toString();
        TicketCommand cancel = TicketCommand.cancel(ticket.id(), Instant.now(), requestId);
        return writes.send(commands, ticket.id(), cancel, "cancellation")
                .chain(() -> finder.next(ticket.id(), TicketState::isTerminal, config.decisionTimeout()))
                .map(decided -> {
                    if (decided == null) {
                        throw new UnavailableException("The cancellation was stored but not decided in time; the "
                                + "ticket's state will tell", config.retryAfter(), null);
                    }
                    if (!cancelledByThisRequest(decided, requestId)) {
                        throw new AlreadyFinishedException(decided.id(), decided.status());
                    }
                    return decided;
                });
    }

    /**
     * CANCELLED by this request's command, or by a worker's CANCELLED report, which names no request: a worker stops
     * a handler as soon as it reads a command, and its report can be decided before the command itself has come
     * through the repartition topic to the state machine. A worker reports CANCELLED only on a command, and the
     * ticket was live when this one was sent (two DELETEs racing like that may both get 202; the ticket is CANCELLED
     * either way, and its callback says so).
     */
    private static boolean cancelledByThisRequest(TicketState decided, String requestId) {
        return decided.status() == TicketStatus.CANCELLED
                && (decided.cancellation() == null || requestId.equals(decided.cancellation()));
    }
}
