package io.ticketflow.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's records against the running producer's OpenAPI document: every schema the client reads or writes
 * has exactly the JSON properties of its record, and the statuses are the same, so the two cannot drift apart.
 */
class OpenApiDriftIT {

    /** OpenAPI schema name → the client's record of it. */
    private static final Map<String, Class<?>> RECORDS = Map.ofEntries(
            Map.entry("SubmitRequest", SubmitRequest.class),
            Map.entry("SubmitAccepted", SubmitAccepted.class),
            Map.entry("Links", SubmitAccepted.Links.class),
            Map.entry("TicketView", TicketView.class),
            Map.entry("TicketError", TicketError.class),
            Map.entry("CallbackDelivery", CallbackDelivery.class),
            Map.entry("Page", TicketPage.class),
            Map.entry("Stats", TicketStats.class),
            Map.entry("Problem", Problem.class),
            Map.entry("FieldError", Problem.FieldError.class),
            Map.entry("TicketProgress", TicketProgress.class),
            Map.entry("TicketAttempt", TicketAttempt.class),
            Map.entry("BatchAnswer", BatchAnswer.class),
            Map.entry("BatchItem", BatchItem.class));

    @Test
    void everyRecordHasTheSchemasProperties() throws Exception {
        URI openapi = ClientSystem.get().producer().resolve("/q/openapi?format=json");
        String body = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(openapi).build(), HttpResponse.BodyHandlers.ofString()).body();
        JsonNode schemas = TicketflowClient.JSON.readTree(body).path("components").path("schemas");
        List<String> drift = new ArrayList<>();
        RECORDS.forEach((schema, record) -> {
            JsonNode properties = schemas.path(schema).path("properties");
            if (properties.isMissingNode()) {
                drift.add(schema + ": no such schema in " + names(schemas));
                return;
            }
            Set<String> server = names(properties);
            Set<String> client = TicketflowClient.JSON.getSerializationConfig()
                    .introspect(TicketflowClient.JSON.constructType(record)).findProperties().stream()
                    .map(BeanPropertyDefinition::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!server.equals(client)) {
                drift.add(schema + ": server " + server + ", client " + record.getSimpleName() + " " + client);
            }
        });
        assertThat(drift).isEmpty();
        assertThat(StreamSupport.stream(schemas.path("TicketStatus").path("enum").spliterator(), false)
                .map(JsonNode::asText).toList())
                .containsExactlyInAnyOrder(java.util.Arrays.stream(TicketStatus.values()).map(Enum::name)
                        .toArray(String[]::new));
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
