package io.ticketflow.client;

import java.time.Duration;

/** 503: no sure answer now; {@link #retryAfter()} says when to ask again. On a submission the ticket may have been accepted anyway, as {@code problem().ticketId()}. */
public class UnavailableException extends ApiException {

    public UnavailableException(Problem problem, Duration retryAfter) {
        super(problem, retryAfter);
    }
}
