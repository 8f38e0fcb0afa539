package io.ticketflow.client;

import java.time.Duration;

/** 404: no such ticket (type {@code unknown-ticket}), or it expired ({@code ticket-expired}). */
public class NotFoundException extends ApiException {

    public NotFoundException(Problem problem, Duration retryAfter) {
        super(problem, retryAfter);
    }
}
