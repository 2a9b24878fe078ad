package org.slaplatform.e2e;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** What every scenario does the same way: call a service as someone, wait for the platform to catch up. */
abstract class Scenario {

    static final Duration EVENTUALLY = Duration.ofSeconds(60);

    /** A request to {@code service} with {@code token} as bearer, JSON both ways. */
    static RequestSpecification as(RunningPlatform platform, String service, String token) {
        return given().baseUri(platform.uri(service)).auth().oauth2(token).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    /** Polls {@code read} until it answers non-null (the platform is eventually consistent across services). */
    static <T> T eventually(String what, Supplier<T> read) {
        Instant deadline = Instant.now().plus(EVENTUALLY);
        while (true) {
            T value = read.get();
            if (value != null) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + EVENTUALLY + ": " + what);
            }
            EventLog.sleep(200);
        }
    }

    /** One probe result per location per minute from {@code from} (inclusive) for {@code minutes} minutes. */
    static List<Map<String, Object>> probes(String instanceId, Instant from, int minutes, Map<String, Boolean> upByLocation) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (int m = 0; m < minutes; m++) {
            Instant time = from.plusSeconds(60L * m + 30);
            upByLocation.forEach((location, up) -> results.add(Map.of("instanceId", instanceId, "location", location,
                    "time", time.toString(), "up", up, "latencyMs", up ? 120 : 5000)));
        }
        return results;
    }
}
