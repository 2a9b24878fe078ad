package org.slaplatform.ticket.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;

/** DESIGN-7 the service's bearer tokens go through the cache, and a forged one is still refused. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class VerifiedTokenCacheWiringTest {

    @Inject
    JWTParser parser;

    @Inject
    VerifiedTokenCache cache;

    @Test
    @DisplayName("DESIGN-7 the JWT authentication parses with the cache; a token used twice is remembered, a forged one refused")
    void authenticationUsesTheCache() {
        assertThat(parser).isInstanceOf(VerifiedTokenCache.class);
        String token = TestTokens.token("agent", null);
        given().auth().oauth2(token).when().get("/api/v1/tickets?limit=1").then().statusCode(200);
        assertThat(cache.remembers(token)).isTrue();
        given().auth().oauth2(token).when().get("/api/v1/tickets?limit=1").then().statusCode(200);
        String forged = TestTokens.forged("admin", null);
        given().auth().oauth2(forged).when().get("/api/v1/tickets?limit=1").then().statusCode(401);
        given().auth().oauth2(forged).when().get("/api/v1/tickets?limit=1").then().statusCode(401);
        assertThat(cache.remembers(forged)).isFalse();
    }
}
