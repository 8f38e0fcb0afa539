package io.ticketflow.producer.submit;

/** An Idempotency-Key already used for a request with another body: a client error, answered 422. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("was already used for a request with a different body");
    }

    public String header() {
        return IdempotencyKey.HEADER;
    }
}
