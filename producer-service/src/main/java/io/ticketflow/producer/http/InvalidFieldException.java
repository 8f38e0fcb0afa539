package io.ticketflow.producer.http;

/** A request value outside the body (a query parameter or a header) that is not acceptable: a 400 naming it. */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** @return the name of the parameter or header, as the client sent it */
    public String field() {
        return field;
    }
}
