package io.ticketflow.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SharedKafkaBrokerTest {

    @Test
    void aRealBrokerAnswersAndIsSharedWithinTheJvm() throws Exception {
        String bootstrap = SharedKafkaBroker.bootstrapServers();
        assertThat(SharedKafkaBroker.bootstrapServers()).isEqualTo(bootstrap);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }
    }
}
