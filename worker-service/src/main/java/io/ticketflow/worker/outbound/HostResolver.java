package io.ticketflow.worker.outbound;

import io.smallrye.mutiny.Uni;
import io.vertx.core.impl.VertxInternal;
import io.vertx.mutiny.core.Vertx;

import java.net.InetAddress;

/** Turns a host name (or IP literal) into the one address a call will connect to. */
@FunctionalInterface
public interface HostResolver {

    Uni<InetAddress> resolve(String host);

    /**
     * Vert.x's own resolver, without blocking: the one its clients use (hosts file, search domains, its DNS
     * settings), answering the address a client would have connected to.
     */
    static HostResolver of(Vertx vertx) {
        VertxInternal internal = (VertxInternal) vertx.getDelegate();
        return host -> Uni.createFrom().emitter(emitter -> internal.resolveAddress(host, result -> {
            if (result.succeeded()) {
                emitter.complete(result.result());
            } else {
                emitter.fail(result.cause());
            }
        }));
    }
}
