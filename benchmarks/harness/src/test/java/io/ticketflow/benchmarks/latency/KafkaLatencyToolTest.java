package io.ticketflow.benchmarks.latency;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaLatencyToolTest {

    @Test
    void readsTheToolsClosingLines() {
        String output = """
                0\t2.3105
                1000\t1.1002
                Avg latency: 1.4123 ms
                Percentiles: 50th = 1, 99th = 8, 99.9th = 15
                """;

        KafkaLatencyTool.Result result = KafkaLatencyTool.parse(output);

        assertThat(result).isEqualTo(new KafkaLatencyTool.Result(1.4123, 1, 8, 15));
    }

    @Test
    void saysSoWhenTheOutputIsNotTheExpectedOne() {
        assertThatThrownBy(() -> KafkaLatencyTool.parse("Exception in thread main"))
                .hasMessageContaining("Cannot read the EndToEndLatency output");
    }
}
