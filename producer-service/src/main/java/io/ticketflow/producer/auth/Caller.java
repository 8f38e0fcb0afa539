package io.ticketflow.producer.auth;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as far as tickets go: the owner their tickets get and see, and whether they see every ticket.
 *
 * @param owner the owner of the tickets this caller creates; {@code null} only when authentication is off
 * @param roles the roles of the credential; {@link #ADMIN_ROLE} sees and cancels every ticket, those without owner
 *              (written with the Kafka console) included
 */
public record Caller(String owner, Set<String> roles) {

    public static final String ADMIN_ROLE = "admin";

    /** Authentication off: one anonymous caller who sees everything and owns nothing. */
    static final Caller ANONYMOUS = new Caller(null, Set.of(ADMIN_ROLE));

    public boolean admin() {
        return roles.contains(ADMIN_ROLE);
    }

    /** @return whether a ticket of this owner exists for the caller (otherwise it answers 404, never 403) */
    public boolean sees(String ticketOwner) {
        return admin() || (owner != null && Objects.equals(owner, ticketOwner));
    }

    /** @return the owner whose tickets a listing shows, or {@code null} for all of them (an admin) */
    public String listingScope() {
        return admin() ? null : owner;
    }
}
