package io.ticketflow.worker.callback;

/** Why a callback was not delivered; its message is the {@code lastError} the ticket's view shows. */
class CallbackFailedException extends RuntimeException {

    CallbackFailedException(String message) {
        super(message, null, false, false);
    }
}
