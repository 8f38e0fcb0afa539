package io.ticketflow.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How urgent a ticket is; written in lower case on the wire ({@code high}, {@code normal}, {@code low}). */
public enum TicketPriority {
    HIGH, NORMAL, LOW;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads the wire form in any case; an unknown name is an error for the caller to report. */
    @JsonCreator
    public static TicketPriority of(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
