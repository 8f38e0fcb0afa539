package io.ticketflow.client;

import java.time.Duration;

/** 409: the ticket was finished already (a cancel came too late, or twice). */
public class ConflictException extends ApiException {

    public ConflictException(Problem problem, Duration retryAfter) {
        super(problem, retryAfter);
    }
}
