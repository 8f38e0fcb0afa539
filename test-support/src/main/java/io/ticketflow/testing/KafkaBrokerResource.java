package io.ticketflow.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application at the JVM's shared real broker. Register it with
 * {@code @WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)}.
 * The broker outlives each test application; it stops with the JVM.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", SharedKafkaBroker.bootstrapServers());
    }

    @Override
    public void stop() {
        // The broker is shared by every test application of this JVM; SharedKafkaBroker stops it at exit.
    }
}
