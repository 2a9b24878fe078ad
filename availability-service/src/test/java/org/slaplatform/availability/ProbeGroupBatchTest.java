package org.slaplatform.availability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestClock;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * AVL-1: the compact batch shape ({@code groups}: one location and time per group, the checks as
 * columns) stores exactly what the same checks as {@code results} store, and bad input in it gets a
 * precise 4xx naming the group's field, with nothing stored.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class ProbeGroupBatchTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ValidatableResponse post(String key, Object body) {
        return given().auth().oauth2(TestTokens.probe()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).when().post("/api/v1/probe-results/batches").then();
    }

    static Map<String, Object> group(String location, Instant time, List<String> ids, List<Boolean> up, List<Integer> latency) {
        Map<String, Object> group = new HashMap<>();
        group.put("location", location);
        group.put("time", time.toString());
        group.put("instanceIds", ids);
        group.put("up", up);
        if (latency != null) {
            group.put("latencyMs", latency);
        }
        return group;
    }

    @Test
    @DisplayName("AVL-1 a batch of groups stores the same minutes as the same checks sent as results: quorum 2 of 3, one row per minute")
    void groupsStoreWhatResultsStore() throws Exception {
        String account = id("acme");
        String viaResults = id("qnt");
        String viaGroups = id("qnt");
        String other = id("qnt");
        Fixtures.contract(account, "quantive", "Enterprise", "Europe/Berlin", viaResults, viaGroups, other);
        TestClock.set(NOW);
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        String[] locations = { "frankfurt", "virginia", "singapore" };
        List<Fixtures.Check> checks = new ArrayList<>();
        List<Map<String, Object>> groups = new ArrayList<>();
        for (int minute = 0; minute < 10; minute++) {
            Instant at = t.plusSeconds(60L * minute + 7);
            for (int l = 0; l < 3; l++) {
                // minutes 0-4: frankfurt and virginia see it down (quorum); 5-9: only frankfurt does
                boolean up = minute < 5 ? l == 2 : l != 0;
                checks.add(new Fixtures.Check(viaResults, locations[l], at, up));
                groups.add(group(locations[l], at, List.of(viaGroups, other), List.of(up, true), Arrays.asList(120, null)));
            }
        }
        Fixtures.postBatch(id("b"), checks).statusCode(200).body("accepted", equalTo(30)).body("minutes", equalTo(10));
        post(id("b"), Map.of("groups", groups)).statusCode(200).body("accepted", equalTo(60)).body("minutes", equalTo(20))
                .body("replayed", equalTo(false));

        assertThat(minutes(viaGroups)).isEqualTo(minutes(viaResults)).hasSize(10);
        Fixtures.uptime(viaGroups, "2026-11").statusCode(200).body("unavailableMinutes", equalTo(5))
                .body("explanation", hasSize(1)).body("explanation[0].from", equalTo("2026-11-20T10:00:00Z"))
                .body("explanation[0].to", equalTo("2026-11-20T10:05:00Z"));
        Fixtures.uptime(other, "2026-11").statusCode(200).body("unavailableMinutes", equalTo(0));
        // latencyMs null = no sample: the other instance's minutes have checks but no latency samples.
        assertThat(ServiceDatabase.count("select sum(samples) from probe_minutes where instance_id = '" + other + "'")).isZero();
    }

    /** Each stored minute of the instance as up mask, down mask, samples and latency sum, by minute. */
    private static List<String> minutes(String instance) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = ServiceDatabase.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select minute, up_mask, down_mask, samples, latency_sum_ms from probe_minutes "
                        + "where instance_id = '" + instance + "' order by minute")) {
            while (r.next()) {
                rows.add(r.getObject(1) + " " + r.getLong(2) + " " + r.getLong(3) + " " + r.getInt(4) + " " + r.getLong(5));
            }
        }
        return rows;
    }

    @Test
    @DisplayName("AVL-1 bad groups get a precise 4xx naming the group's field and store nothing; a repeated batch is harmless")
    void badGroups() {
        String account = id("acme");
        String instance = id("qnt");
        Fixtures.contract(account, "quantive", "Other", "Europe/Berlin", instance);
        TestClock.set(NOW);
        Instant t = NOW.minusSeconds(600);
        Map<String, Object> good = group("frankfurt", t, List.of(instance, instance), List.of(true, false), List.of(80, 90));
        String rows = "select count(*) from probe_minutes where instance_id = '" + instance + "'";

        post(id("b"), Map.of("groups", List.of(good, group("virginia", t, List.of(instance, instance), List.of(true), null))))
                .statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("groups[1].up"))
                .body("violations[0].message", equalTo("must hold one entry per instanceIds entry (2)"));
        post(id("b"), Map.of("groups", List.of(group("virginia", t, List.of(instance), List.of(true), List.of(1, 2)))))
                .statusCode(400).body("violations[0].field", equalTo("groups[0].latencyMs"));
        post(id("b"), Map.of("groups", List.of(group("virginia", t, List.of(), List.of(), null))))
                .statusCode(400).body("violations[0].field", equalTo("groups[0].instanceIds"));
        post(id("b"), Map.of("groups", List.of(group("virginia", t, List.of(instance, instance), Arrays.asList(true, null), null))))
                .statusCode(400).body("violations[0].field", equalTo("groups[0].up[1]"))
                .body("violations[0].message", equalTo("is required"));
        post(id("b"), Map.of("groups", List.of(group("virginia", t, List.of(instance, instance), List.of(true, true),
                List.of(5, -1))))).statusCode(400).body("violations[0].field", equalTo("groups[0].latencyMs[1]"));
        Map<String, Object> noLocation = new HashMap<>(good);
        noLocation.remove("location");
        post(id("b"), Map.of("groups", List.of(noLocation))).statusCode(400)
                .body("violations", hasSize(1)).body("violations[0].field", equalTo("groups[0].location"));
        post(id("b"), "{\"groups\":[{\"location\":\"x\",\"time\":\"" + t + "\",\"instanceIds\":[\"" + instance
                + "\"],\"up\":[true],\"latencyMs\":[\"fast\"]}]}").statusCode(400)
                .body("violations[0].field", equalTo("groups[0].latencyMs[0]"));
        // The group's time is named once, however many checks it holds.
        post(id("b"), Map.of("groups", List.of(good, group("virginia", NOW.plusSeconds(600), List.of(instance, instance),
                List.of(true, true), null)))).statusCode(422)
                .body("violations", hasSize(1)).body("violations[0].field", equalTo("groups[1].time"))
                .body("violations[0].message", containsString("is in the future"));
        post(id("b"), Map.of("groups", List.of(good, group("virginia", t, List.of(instance, "nobody"), List.of(true, true),
                null)))).statusCode(422).body("violations[0].field", equalTo("groups[1].instanceIds[1]"))
                .body("violations[0].message", equalTo("unknown instance nobody"));
        post(id("b"), Map.of("groups", List.of(good), "results", List.of())).statusCode(400)
                .body("violations[0].field", equalTo("groups"));
        post(id("b"), Map.of("groups", List.of())).statusCode(400).body("violations[0].field", equalTo("groups"));
        List<String> many = Collections.nCopies(2501, instance);
        List<Boolean> ups = Collections.nCopies(2501, true);
        post(id("b"), Map.of("groups", List.of(group("frankfurt", t, many, ups, null), group("virginia", t, many, ups, null))))
                .statusCode(413).body("violations[0].field", equalTo("groups"))
                .body("detail", equalTo("groups: 5002 results; at most 5000 per batch"));
        assertThat(ServiceDatabase.count(rows)).isZero();

        String key = id("b");
        post(key, Map.of("groups", List.of(good))).statusCode(200).header("Idempotency-Replayed", "false")
                .body("accepted", equalTo(2)).body("minutes", equalTo(1));
        post(key, Map.of("groups", List.of(good))).statusCode(200).header("Idempotency-Replayed", "true")
                .body("accepted", equalTo(2)).body("replayed", equalTo(true));
        post(key, Map.of("groups", List.of(good, good))).statusCode(409);
        assertThat(ServiceDatabase.count(rows)).isEqualTo(1);
        assertThat(ServiceDatabase.count("select samples from probe_minutes where instance_id = '" + instance + "'")).isEqualTo(2);
    }
}
