package io.ticketflow.producer;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketflow.testing.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class OpenApiTest {

    @Test
    void documentsCancellationAndIdempotentSubmission() {
        given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/tickets/{id}'.delete.responses", hasKey("202"))
                .body("paths.'/tickets/{id}'.delete.responses", hasKey("409"))
                .body("paths.'/tickets/{id}'.delete.responses.'503'.headers", hasKey("Retry-After"))
                .body("paths.'/tickets'.post.responses", hasKey("200"))
                .body("paths.'/tickets'.post.responses", hasKey("422"))
                .body("paths.'/tickets'.post.responses", hasKey("413"))
                .body("paths.'/tickets'.post.parameters.name", hasItem("Idempotency-Key"))
                .body("paths.'/tickets'.post.description", containsString("unknown_type"))
                .body("components.schemas.TicketView.properties.nextAttemptAt", notNullValue())
                .body("components.schemas.TicketView.properties.callback", notNullValue())
                .body("components.schemas.TicketView.properties.revision", notNullValue());
    }

    @Test
    void documentsListingAndStats() {
        given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/tickets'.get.parameters.name",
                        hasItems("status", "type", "submittedAfter", "limit", "cursor"))
                .body("paths.'/tickets'.get.responses", hasKey("400"))
                .body("paths.'/tickets/stats'.get.responses", hasKey("200"))
                .body("paths.'/tickets/{id}'.get.responses", hasKey("404"))
                .body("paths.'/tickets/{id}'.get.responses", hasKey("503"));
    }

    @Test
    void documentsABatchItemAsASubmissionWithItsKey() {
        given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("components.schemas.SubmitRequest.properties.keySet()",
                        hasItems("type", "payload", "runAt", "delay", "priority", "callbackUrl"))
                .body("components.schemas.BatchItemRequest.allOf.'$ref'",
                        hasItem("#/components/schemas/SubmitRequest"))
                .body("components.schemas.BatchItemRequest.properties", hasKey("idempotencyKey"));
    }
}
