package io.ticketflow.worker.cancel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.quarkus.logging.Log;
import io.ticketflow.contract.TicketCommand;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads every command of the commands topic, in every worker instance: the ticket a command is about may be running
 * anywhere. The channel has a group of its own per instance, starts from the earliest command and never commits, so
 * a restarted worker knows again what was cancelled while it was away.
 */
@ApplicationScoped
public class CommandListener {

    private final ObjectReader reader;
    private final Cancellations cancellations;

    public CommandListener(ObjectMapper mapper, Cancellations cancellations) {
        this.reader = mapper.readerFor(TicketCommand.class);
        this.cancellations = cancellations;
    }

    @Incoming("ticket-commands")
    public void onCommand(byte[] value) {
        read(value).ifPresent(command -> {
            switch (command.command()) {
                case CANCEL -> cancellations.cancel(command.ticketId(),
                        command.requestedAt() == null ? Instant.now() : command.requestedAt());
            }
        });
    }

    /** A command this worker cannot read is skipped: one bad record must not stop cancels for everyone. */
    private Optional<TicketCommand> read(byte[] value) {
        try {
            TicketCommand command = value == null ? null : reader.readValue(value);
            if (command != null && command.command() != null && command.ticketId() != null && !command.ticketId().isBlank()) {
                return Optional.of(command);
            }
            Log.warn("Skipping a ticket command without ticketId or command");
        } catch (IOException e) {
            Log.warnf("Skipping an unreadable ticket command: %s", e.getMessage());
        }
        return Optional.empty();
    }
}
