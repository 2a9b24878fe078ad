package org.slaplatform.availability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** DESIGN-6, issue 17: what the request fuzz found availability-service storing or failing on, refused precisely. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class MalformedInputTest {

    /** Every table a refused request could have written to, as one fingerprint. */
    private static final String TABLES = "select md5(string_agg(t, '|')) from (select md5(string_agg(m::text, ',' order by m::text)) t "
            + "from maintenance m union all select md5(string_agg(o::text, ',' order by o::text)) from outages o "
            + "union all select md5(string_agg(s::text, ',' order by s::text)) from status_pages s "
            + "union all select md5(string_agg(p::text, ',' order by p::text)) from probe_scopes p "
            + "union all select md5(string_agg(b::text, ',' order by b::text)) from probe_batches b "
            + "union all select count(*)::text from probe_minutes union all select count(*)::text from outbox) x";

    private static String fingerprint() {
        try (Connection c = ServiceDatabase.connect(); ResultSet rows = c.createStatement().executeQuery(TABLES)) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a NUL in a maintenance description (was a 500)|admin|POST|/api/v1/maintenance|{\"accountId\": \"acme\", \"kind\": \"PLANNED\", \"startsAt\": \"2026-03-21T06:00:00Z\", \"endsAt\": \"2026-03-21T08:00:00Z\", \"description\": \"a\\u0000\"}|description",
            "a NUL in an outage's reason (was a 500)|admin|PUT|/api/v1/outages/ID/cause|{\"cause\": \"FORCE_MAJEURE\", \"reason\": \"a\\u0000\"}|reason",
            "a NUL in a probe result's location (was a 500)|probe|POST|/api/v1/probe-results|{\"instanceId\": \"acme-prod-eu\", \"location\": \"a\\u0000\", \"time\": \"2026-03-18T11:55:00Z\", \"up\": true}|location",
            "a text for a batch result's latency (was stored as 2)|probe|POST|/api/v1/probe-results/batches|{\"results\": [{\"instanceId\": \"acme-prod-eu\", \"location\": \"frankfurt\", \"time\": \"2026-03-18T11:55:00Z\", \"up\": true, \"latencyMs\": \"2\"}]}|results[0].latencyMs",
            "a number for a status page's slug (was published as 12345)|customer|PUT|/api/v1/accounts/acme/status-page|{\"slug\": 12345}|slug",
            "a status page's publication time (was ignored)|customer|PUT|/api/v1/accounts/acme/status-page|{\"slug\": \"acme-status\", \"publishedAt\": \"2026-01-01T00:00:00Z\"}|publishedAt",
            "another probe in a probe's registration (was ignored)|admin|PUT|/api/v1/probes/probe-a|{\"probe\": \"probe-b\", \"accounts\": [\"acme\"], \"locations\": []}|probe" })
    @DisplayName("DESIGN-6 a malformed request is a 400 naming the field, and nothing is stored")
    void refusedAndNothingStored(String name, String role, String method, String path, String body, String field) {
        String before = fingerprint();
        given().auth().oauth2(TestTokens.token(role, role.equals("customer") ? "acme" : null)).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body).when().request(method, path.replace("ID", UUID.randomUUID().toString())).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem(field));
        assertThat(fingerprint()).isEqualTo(before);
    }
}
