package io.ticketflow.client;

import java.time.Duration;

/** 400, 413, 415 or 422: the request is wrong, and sending it again cannot help; {@code field()} names the culprit. */
public class InvalidRequestException extends ApiException {

    public InvalidRequestException(Problem problem, Duration retryAfter) {
        super(problem, retryAfter);
    }

    /** The first field at fault (a JSON property, a query parameter or a header), or null. */
    public String field() {
        return problem().field();
    }
}
