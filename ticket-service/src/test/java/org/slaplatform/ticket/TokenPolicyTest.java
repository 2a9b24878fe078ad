package org.slaplatform.ticket;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.localinfra.SigningKeys;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.TestInfrastructure;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Tokens signed by the trusted key are still refused (401) when they were minted for another
 * system or for longer than their role may live; the same rules hold in every service
 * (platform-runtime's configuration and TokenLifetimePolicy).
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class TokenPolicyTest {

    private static final SigningKeys KEYS = TestInfrastructure.shared().keys();

    private static int answerTo(String token) {
        return given().auth().oauth2(token).when().get("/api/v1/tickets/" + UUID.randomUUID()).then().extract().statusCode();
    }

    @Test
    @DisplayName("an admin token minted for 87,600 hours is refused 401; one for the admin's 12 hours is accepted")
    void anAdminTokenForTenYearsIsRefused() {
        given().auth().oauth2(KEYS.mint("ops", "admin", null, Duration.ofHours(87_600)))
                .when().get("/api/v1/tickets/" + UUID.randomUUID())
                .then().statusCode(401);
        org.assertj.core.api.Assertions.assertThat(answerTo(KEYS.mint("ops", "admin", null, Duration.ofHours(12))))
                .as("accepted: the ticket is simply not there").isEqualTo(404);
        org.assertj.core.api.Assertions.assertThat(answerTo(KEYS.mint("ops", "admin", null, Duration.ofHours(13)))).isEqualTo(401);
    }

    @Test
    @DisplayName("a probe token may live a week, not more; a customer's a day")
    void eachRoleHasItsOwnLongestLife() {
        // 403: authenticated, but a probe may not read tickets
        org.assertj.core.api.Assertions.assertThat(answerTo(KEYS.mint("probe-1", "probe", null, Duration.ofDays(7)))).isEqualTo(403);
        org.assertj.core.api.Assertions.assertThat(answerTo(KEYS.mint("probe-1", "probe", null, Duration.ofDays(8)))).isEqualTo(401);
        org.assertj.core.api.Assertions.assertThat(answerTo(KEYS.mint("c", "customer", "acme", Duration.ofHours(24)))).isEqualTo(404);
        org.assertj.core.api.Assertions.assertThat(answerTo(KEYS.mint("c", "customer", "acme", Duration.ofHours(25)))).isEqualTo(401);
    }

    @Test
    @DisplayName("a token for another audience, or for none, is refused 401 although the trusted key signed it")
    void aTokenForAnotherSystemIsRefused() {
        org.assertj.core.api.Assertions.assertThat(answerTo(KEYS.mint("ops", "admin", null, Duration.ofHours(1), "billing-system")))
                .isEqualTo(401);
        org.assertj.core.api.Assertions.assertThat(answerTo(KEYS.mint("ops", "admin", null, Duration.ofHours(1), null)))
                .isEqualTo(401);
        org.assertj.core.api.Assertions.assertThat(answerTo(KEYS.mint("ops", "admin", null, Duration.ofHours(1))))
                .isEqualTo(404);
    }
}
