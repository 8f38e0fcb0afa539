package io.ticketflow.benchmarks.rig;

import io.ticketflow.contract.TicketJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessSamplerTest {

    @Test
    void readsRecordsLeftToRestoreFromTheTicketStateCheck() throws Exception {
        String body = """
                {"status":"DOWN","checks":[
                  {"name":"Kafka Streams topics health check","status":"UP","data":{"available_topics":"tickets"}},
                  {"name":"ticket-state","status":"DOWN","data":{"streams":"REBALANCING","recordsLeftToRestore":1750,
                   "kafkaReachable":true,"watchedTickets":0}}]}""";

        assertThat(ReadinessSampler.leftToRestore(TicketJson.mapper().readTree(body))).isEqualTo(1_750);
    }

    @Test
    void noTicketStateCheckMeansNothingLeft() throws Exception {
        assertThat(ReadinessSampler.leftToRestore(TicketJson.mapper().readTree("{\"status\":\"UP\",\"checks\":[]}")))
                .isZero();
    }
}
