package org.slaplatform.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.Topics;
import org.slaplatform.events.product.ProductChanged;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Products and release histories; each version's support status comes from the product's policy. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class ProductLifecycleTest {

    private static void putProduct(String id, String body) {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .when().put("/api/v1/products/" + id).then().statusCode(200);
    }

    @Test
    @DisplayName("IS-LIFE-1/IS-LIFE-2 each major release is supported for one year from its delivery")
    void isMajorReleasesAreSupportedForAYear() {
        putProduct("qmetry", """
                {"name": "QMetry", "policy": "infostretch", "releases": [
                  {"version": "7.0.0.0", "deliveredOn": "2025-03-01"},
                  {"version": "7.4.2.1", "deliveredOn": "2025-11-01"},
                  {"version": "8.0.0.0", "deliveredOn": "2026-02-01"}]}""");
        given().auth().oauth2(TestTokens.customer("acme")).queryParam("on", "2026-03-02")
                .when().get("/api/v1/products/qmetry").then().statusCode(200)
                .body("releases.find { it.version == '7.4.2.1' }.status", equalTo("UNSUPPORTED"))
                .body("releases.find { it.version == '7.4.2.1' }.supportedUntil", equalTo("2026-03-01"))
                .body("releases.find { it.version == '8.0.0.0' }.status", equalTo("SUPPORTED"));
        given().auth().oauth2(TestTokens.customer("acme")).queryParam("on", "2026-03-01")
                .when().get("/api/v1/products/qmetry").then().statusCode(200)
                .body("releases.find { it.version == '7.4.2.1' }.status", equalTo("SUPPORTED"));
    }

    @Test
    @DisplayName("ITC-LIFE-3 EOMS is the later of EOS + 1 year and next major GA + 2 years; EOL a year later, at least GA + 5 years")
    void itcMilestonesAreDerived() {
        putProduct("vipnet-lc", """
                {"name": "ViPNet", "policy": "infotecs", "releases": [
                  {"version": "4.0", "generalAvailability": "2019-01-10", "endOfSales": "2022-06-30"},
                  {"version": "5.0", "generalAvailability": "2022-03-01"}]}""");
        given().auth().oauth2(TestTokens.agent()).queryParam("on", "2024-12-31")
                .when().get("/api/v1/products/vipnet-lc").then().statusCode(200)
                // EOS + 1y = 2023-06-30; next major GA + 2y = 2024-03-01 -> EOMS 2024-03-01; EOL = max(2025-03-01, GA + 5y = 2024-01-10)
                .body("releases.find { it.version == '4.0' }.endOfMainstreamSupport", equalTo("2024-03-01"))
                .body("releases.find { it.version == '4.0' }.endOfLife", equalTo("2025-03-01"))
                .body("releases.find { it.version == '4.0' }.status", equalTo("EXTENDED"))
                .body("releases.find { it.version == '5.0' }.status", equalTo("MAINSTREAM"));
        given().auth().oauth2(TestTokens.agent()).queryParam("on", "2025-03-02")
                .when().get("/api/v1/products/vipnet-lc").then().statusCode(200)
                .body("releases.find { it.version == '4.0' }.status", equalTo("END_OF_LIFE"));

        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.await(Topics.PRODUCTS.name(),
                r -> "vipnet-lc".equals(r.key()), 1, Duration.ofSeconds(20));
        assertThat(records).hasSize(1);
        ProductChanged product = (ProductChanged) CloudEventCodec.fromRecord(records.get(0)).data();
        assertThat(product.releases()).filteredOn(r -> r.version().equals("4.0"))
                .extracting(ProductChanged.Release::endOfLife).containsExactly(LocalDate.parse("2025-03-01"));
    }

    @Test
    @DisplayName("IS-LIFE-1 under InfoStretch a version is x.x.x.x (major.minor.build.patch): 4.0 is a 400 naming it")
    void isVersionsAreFourNumbers() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("""
                {"name": "Bad", "policy": "infostretch", "releases": [{"version": "7.4.2.1"}, {"version": "4.0"}]}""")
                .when().put("/api/v1/products/bad").then().statusCode(400)
                .body("violations[0].field", equalTo("releases[1].version"))
                .body("detail", containsString("major.minor.build.patch"));
    }

    @Test
    @DisplayName("ITC-LIFE-3 under Infotecs a version is major.minor, as its policy's scheme says: 4.0 is accepted, 4.0.0.0 is a 400")
    void itcVersionsAreMajorMinor() {
        putProduct("vipnet-scheme", """
                {"name": "ViPNet", "policy": "infotecs", "releases": [{"version": "4.0"}, {"version": "4.1"}]}""");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("""
                {"name": "ViPNet", "policy": "infotecs", "releases": [{"version": "4.0.0.0"}]}""")
                .when().put("/api/v1/products/vipnet-scheme").then().statusCode(400)
                .body("violations[0].field", equalTo("releases[0].version"))
                .body("detail", containsString("major.minor"));
        Fixtures.putAccount("itc-scheme", Fixtures.contract("infotecs", "basic", "2025-01-01", null,
                "\"products\": [{\"productId\": \"vipnet-scheme\", \"versions\": [\"4.0.0.0\"]}]"))
                .statusCode(400).body("violations[0].field", equalTo("contract.products[0].versions[0]"));
    }
}
