package io.ticketflow.producer;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketflow.testing.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
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
                .body("components.schemas.TicketView.properties.callback", notNullValue());
    }
}
