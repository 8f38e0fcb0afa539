package io.ticketflow.benchmarks;

import io.ticketflow.benchmarks.rig.ScenarioContext;

/** One scenario of issue 5: measures the services and their baselines, and reports figures into its context. */
@FunctionalInterface
public interface Scenario {

    /** Throws when the scenario cannot complete (a service died, tickets were lost); missed targets do not throw. */
    void run(ScenarioContext context) throws Exception;
}
