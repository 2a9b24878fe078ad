package org.slaplatform.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

/**
 * What every service answers, anonymously: readiness, Prometheus metrics and its OpenAPI document.
 * Each service's test extends this under {@code @QuarkusTest}.
 */
public abstract class ServiceEndpointsContract {

    @Test
    void isReady() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void exposesPrometheusMetrics() {
        String metrics = given().accept("text/plain; version=0.0.4").when().get("/q/metrics")
                .then().statusCode(200).extract().asString();
        assertThat(metrics).contains("# TYPE jvm_memory_used_bytes gauge").contains("outbox_lag_seconds");
    }

    @Test
    void publishesItsOpenApiDocument() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("openapi", org.hamcrest.Matchers.startsWith("3."));
    }
}
