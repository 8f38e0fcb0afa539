package io.ticketflow.benchmarks;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarkOptionsTest {

    @Test
    void defaultsRunEveryScenarioAtFullSize() {
        BenchmarkOptions options = BenchmarkOptions.parse();

        assertThat(options.scenarios()).containsExactly("S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9");
        assertThat(options.tickets()).isEqualTo(50_000);
        assertThat(options.stateTickets()).isEqualTo(1_000_000);
        assertThat(options.stateMaxTickets()).isEqualTo(5_000_000);
        assertThat(options.stateLoad()).isEqualTo(BenchmarkOptions.StateLoad.AUTO);
        assertThat(options.resultBytes()).isEqualTo(1_024);
        assertThat(options.beforeProducerJar()).isNull();
        assertThat(options.parkedTickets()).isEqualTo(5_000);
        assertThat(options.rate()).isEqualTo(500);
        assertThat(options.scaleTickets()).isEqualTo(20_000);
        assertThat(options.scaleDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.spreadTickets()).isEqualTo(20_000);
        assertThat(options.workerConfig()).isEmpty();
    }

    @Test
    void smokeShrinksTheSizesAndExplicitFlagsStillWin() {
        BenchmarkOptions options = BenchmarkOptions.parse("--smoke", "--tickets", "3,000", "--scenarios", "s2,S1,s2");

        assertThat(options.smoke()).isTrue();
        assertThat(options.tickets()).isEqualTo(3_000);
        assertThat(options.stateTickets()).isEqualTo(2_000);
        assertThat(options.stateLoad()).isEqualTo(BenchmarkOptions.StateLoad.DIRECT);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.scaleTickets()).isEqualTo(2_000);
        assertThat(options.scaleDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.scenarios()).containsExactly("S2", "S1");
    }

    @Test
    void takesABeforeProducerAndAStateLoadMode() {
        BenchmarkOptions options = BenchmarkOptions.parse("--before-producer-jar", "/tmp/round1/quarkus-run.jar",
                "--before-label", "round one", "--state-load", "Machine", "--state-max-tickets", "1,000");

        assertThat(options.beforeProducerJar()).hasToString("/tmp/round1/quarkus-run.jar");
        assertThat(options.beforeLabel()).isEqualTo("round one");
        assertThat(options.stateLoad()).isEqualTo(BenchmarkOptions.StateLoad.MACHINE);
        assertThat(options.stateMaxTickets()).isEqualTo(1_000);
        assertThatThrownBy(() -> BenchmarkOptions.parse("--state-load", "fast")).hasMessageContaining("direct");
    }

    @Test
    void takesWorkerConfigurationAsKeyValuePairs() {
        BenchmarkOptions options = BenchmarkOptions.parse("--worker-config",
                "mp.messaging.incoming.tickets.fetch.max.wait.ms=10, ticketflow.worker.max-in-flight = 64");

        assertThat(options.workerConfig()).containsExactly(
                Map.entry("mp.messaging.incoming.tickets.fetch.max.wait.ms", "10"),
                Map.entry("ticketflow.worker.max-in-flight", "64"));
        assertThatThrownBy(() -> BenchmarkOptions.parse("--worker-config", "fetch.max.wait.ms"))
                .hasMessageContaining("key=value");
    }

    @Test
    void rejectsWhatItDoesNotKnow() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--tikets", "5")).hasMessageContaining("--tikets");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--scenarios", "S10")).hasMessageContaining("S10");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--rate", "-1")).hasMessageContaining("positive");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--rate")).hasMessageContaining("--rate");
    }
}
