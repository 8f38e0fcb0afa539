package io.ticketflow.producer.query;

import io.ticketflow.producer.http.InvalidFieldException;

/** A {@code wait} query parameter that is not a duration this service understands. */
public class InvalidWaitException extends InvalidFieldException {

    public InvalidWaitException(String value) {
        super("wait", "must be a whole number of seconds, or end in ms, s or m (such as 500ms, 30s, 2m); got '"
                + value + "'");
    }
}
