package io.ticketflow.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How far a running ticket has got, as its handler last reported it.
 *
 * <p>Bounded wherever it is made or read — a handler's report, a record from the console — because every report
 * travels in a result record and stands in the ticket's state: a percent outside 0–100 is clamped, a message is cut
 * to its first {@value #MAX_MESSAGE_CHARS} characters, and an output to its last {@value #MAX_OUTPUT_CHARS} (the
 * newest text is what a watcher wants; the whole output is the handler's result).
 *
 * @param percent 0 to 100, when the handler can tell
 * @param message a short human-readable note, e.g. {@code "fetched 3 of 7 pages"}
 * @param output  partial output so far, e.g. the text an LLM has streamed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketProgress(Integer percent, String message, String output) {

    public static final int MAX_MESSAGE_CHARS = 1_000;
    public static final int MAX_OUTPUT_CHARS = 65_536;
    /** What stands before an output that lost its beginning. */
    static final String CUT = "…";

    /**
     * A report whose output is the end of {@code output}, copying only what is kept: a handler that streams a long
     * text reports it as it grows without copying all of it each time.
     */
    public static TicketProgress ofTail(Integer percent, String message, CharSequence output) {
        return new TicketProgress(percent, message, output == null ? null
                : output.length() > MAX_OUTPUT_CHARS ? tail(output) : output.toString());
    }

    public TicketProgress {
        if (percent != null) {
            percent = Math.clamp(percent, 0, 100);
        }
        if (message != null && message.length() > MAX_MESSAGE_CHARS) {
            int end = MAX_MESSAGE_CHARS;
            if (Character.isHighSurrogate(message.charAt(end - 1))) {
                end--; // never half a character: it could not be written as UTF-8
            }
            message = message.substring(0, end);
        }
        if (output != null && output.length() > MAX_OUTPUT_CHARS) {
            output = tail(output);
        }
    }

    private static String tail(CharSequence output) {
        int start = output.length() - (MAX_OUTPUT_CHARS - CUT.length());
        if (Character.isLowSurrogate(output.charAt(start))) {
            start++; // never half a character: it could not be written as UTF-8
        }
        return CUT + output.subSequence(start, output.length());
    }
}
