package io.ticketflow.testing;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.util.List;

/** Checks JSON against the contract's JSON Schemas (classpath {@code schemas/*.schema.json} of the contract module). */
public final class ContractSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Schema TICKET = REGISTRY.getSchema(SchemaLocation.of("classpath:schemas/ticket.schema.json"));
    private static final Schema RESULT = REGISTRY.getSchema(SchemaLocation.of("classpath:schemas/ticket-result.schema.json"));
    private static final Schema STATE = REGISTRY.getSchema(SchemaLocation.of("classpath:schemas/ticket-state.schema.json"));

    private static final Schema HEARTBEAT =
            REGISTRY.getSchema(SchemaLocation.of("classpath:schemas/worker-heartbeat.schema.json"));

    private ContractSchemas() {
    }

    public static List<String> ticketViolations(String json) {
        return violations(TICKET, json);
    }

    public static List<String> resultViolations(String json) {
        return violations(RESULT, json);
    }

    public static List<String> stateViolations(String json) {
        return violations(STATE, json);
    }

    public static void assertValidHeartbeat(String json) {
        assertValid("worker heartbeat", violations(HEARTBEAT, json), json);
    }

    public static void assertValidState(String json) {
        assertValid("ticket state", stateViolations(json), json);
    }

    public static void assertValidTicket(String json) {
        assertValid("ticket", ticketViolations(json), json);
    }

    public static void assertValidResult(String json) {
        assertValid("ticket result", resultViolations(json), json);
    }

    private static List<String> violations(Schema schema, String json) {
        return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    private static void assertValid(String what, List<String> violations, String json) {
        if (!violations.isEmpty()) {
            throw new AssertionError("Not a valid " + what + " record: " + violations + "\n" + json);
        }
    }
}
