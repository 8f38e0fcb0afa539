package io.ticketflow.e2e;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The PromQL reading that TracesIT checks the dashboard's metrics with. */
class GrafanaDashboardTest {

    @Test
    void aQueryNamesTheMetricsItReadsAndTheLabelsItGroupsBy() {
        GrafanaDashboard.Query query = new GrafanaDashboard.Query("p95", "histogram_quantile(0.95, sum by (le, type) "
                + "(rate(ticketflow_worker_run_seconds_bucket{outcome=~\"succeeded|failed\"}[1m])))"
                + " / max without (instance) (ticketflow_worker_tickets_in_flight_limit)");

        assertThat(query.metrics()).containsExactly("ticketflow_worker_run_seconds_bucket",
                "ticketflow_worker_tickets_in_flight_limit");
        assertThat(query.groupedBy()).containsExactly("le", "type", "instance");
    }
}
