package io.ticketflow.producer.dashboard;

import io.ticketflow.contract.WorkerHeartbeat;
import io.ticketflow.producer.query.ListResource;
import io.ticketflow.producer.state.RecentActivity;

import java.util.List;

/**
 * What the dashboard's header and charts show, all from this instance's read view (the decided states) and the
 * workers' heartbeats.
 *
 * @param stats    ticket counts by status and type, as {@code GET /tickets/stats}
 * @param activity the last minutes: submitted and finished per slot, queue-wait and run-time percentiles
 * @param workers  the worker instances heard from lately
 */
public record Summary(ListResource.Stats stats, RecentActivity.Window activity, List<WorkerHeartbeat> workers) {
}
