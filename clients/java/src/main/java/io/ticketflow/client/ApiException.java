package io.ticketflow.client;

import java.time.Duration;
import java.util.Optional;

/** The server answered with an error status and the problem document {@link #problem()}. */
public class ApiException extends TicketflowException {

    private final transient Problem problem;
    private final transient Duration retryAfter;

    public ApiException(Problem problem, Duration retryAfter) {
        super(problem.status() + " " + problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()));
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public Problem problem() {
        return problem;
    }

    public int status() {
        return problem.status();
    }

    /** The answer's Retry-After, when it had one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The exception of an error answer, by its status. */
    static ApiException of(Problem problem, Duration retryAfter) {
        return switch (problem.status()) {
            case 400, 413, 415, 422 -> new InvalidRequestException(problem, retryAfter);
            case 404 -> new NotFoundException(problem, retryAfter);
            case 409 -> new ConflictException(problem, retryAfter);
            case 429 -> new RateLimitedException(problem, retryAfter);
            case 503 -> new UnavailableException(problem, retryAfter);
            default -> new ApiException(problem, retryAfter);
        };
    }
}
