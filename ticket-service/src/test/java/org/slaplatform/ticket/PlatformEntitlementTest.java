package org.slaplatform.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.Topics;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.events.product.ProductChanged;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestClock;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * IS-TKT-5 unsupported platforms: products record the platforms they support, a ticket (or the
 * instance it comes from) names the platform it runs on, and intake does what the policy's
 * {@code unsupportedPlatform} says: InfoStretch refuses, Infotecs flags, always with the reason.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class PlatformEntitlementTest {

    private static final String QMETRY_INSTANCES = """
            "instances": [{"instanceId": "on-linux", "productId": "qmetry-p", "version": "8.0.0.0", "environment": "production", "platform": "linux-x86_64"},
                          {"instanceId": "on-solaris", "productId": "qmetry-p", "version": "8.0.0.0", "environment": "staging", "platform": "solaris-11"},
                          {"instanceId": "unplaced", "productId": "qmetry-p", "version": "8.0.0.0", "environment": "test"}]""";

    @BeforeEach
    void products() {
        TestClock.set(Instant.parse("2026-11-20T12:00:00Z"));
        putProduct("qmetry-p", """
                {"name": "QMetry", "policy": "infostretch", "platforms": ["linux-x86_64", "windows-server-2022"],
                 "releases": [{"version": "8.0.0.0", "deliveredOn": "2026-02-01"}]}""").statusCode(200);
        putProduct("vipnet-p", """
                {"name": "ViPNet", "policy": "infotecs", "platforms": ["astra-linux-1.7"],
                 "releases": [{"version": "5.0", "generalAvailability": "2022-03-01"}]}""").statusCode(200);
        putProduct("bare-p", """
                {"name": "No platforms recorded", "policy": "infostretch", "releases": []}""").statusCode(200);
        Fixtures.account("is-platform", "infostretch", "maintenance", QMETRY_INSTANCES
                + ", \"products\": [{\"productId\": \"qmetry-p\"}, {\"productId\": \"bare-p\"}]");
        Fixtures.account("itc-platform", "infotecs", "premium", "\"products\": [{\"productId\": \"vipnet-p\"}]");
    }

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    private static io.restassured.response.ValidatableResponse putProduct(String id, String body) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .when().put("/api/v1/products/" + id).then();
    }

    private static Response file(String account, String body) {
        return given().auth().oauth2(TestTokens.customer(account)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/tickets").then().extract().response();
    }

    private static long tickets() {
        return ServiceDatabase.count("select count(*) from tickets");
    }

    @Test
    @DisplayName("IS-TKT-5 InfoStretch refuses a ticket on an unsupported platform, naming it and the supported ones; nothing is written")
    void infostretchRefusesUnsupportedPlatform() {
        long before = tickets();
        file("is-platform", """
                {"subject": "Crash on Solaris", "severity": 2, "productId": "qmetry-p", "platform": "solaris-11"}""")
                .then().statusCode(422).contentType(Fixtures.PROBLEM)
                .body("type", equalTo("https://slaplatform.org/problems/not-entitled/unsupported-platform"))
                .body("detail", containsString("solaris-11"))
                .body("detail", containsString("linux-x86_64, windows-server-2022"));
        assertThat(tickets()).isEqualTo(before);

        file("is-platform", """
                {"subject": "Crash on Linux", "severity": 2, "productId": "qmetry-p", "version": "8.0.0.0", "platform": "linux-x86_64"}""")
                .then().statusCode(201).body("platform", equalTo("linux-x86_64")).body("flags", empty());
        // a product that records no platforms cannot judge one: accepted as it comes
        file("is-platform", """
                {"subject": "Bare", "severity": 3, "productId": "bare-p", "platform": "solaris-11"}""")
                .then().statusCode(201).body("platform", equalTo("solaris-11")).body("flags", empty());
    }

    @Test
    @DisplayName("IS-TKT-5 IS-TKT-1 the Feedback button attaches the instance's platform: an instance on an unsupported one is refused under InfoStretch")
    void feedbackAttachesTheInstancesPlatform() {
        long before = tickets();
        given().auth().oauth2(TestTokens.customer("is-platform")).contentType(ContentType.JSON)
                .body("{\"instanceId\": \"on-solaris\", \"subject\": \"Slow\"}").when().post("/api/v1/feedback")
                .then().statusCode(422).body("type", containsString("unsupported-platform"))
                .body("detail", containsString("solaris-11"));
        assertThat(tickets()).isEqualTo(before);
        given().auth().oauth2(TestTokens.customer("is-platform")).contentType(ContentType.JSON)
                .body("{\"instanceId\": \"on-linux\", \"subject\": \"Slow\"}").when().post("/api/v1/feedback")
                .then().statusCode(201).body("platform", equalTo("linux-x86_64")).body("environment", equalTo("production"));
        given().auth().oauth2(TestTokens.customer("is-platform")).contentType(ContentType.JSON)
                .body("{\"instanceId\": \"unplaced\", \"subject\": \"Slow\"}").when().post("/api/v1/feedback")
                .then().statusCode(201).body("flags", empty());
    }

    @Test
    @DisplayName("IS-TKT-5 Infotecs accepts a ticket on an unsupported platform flagged UNSUPPORTED_PLATFORM, in the API and in ticket.created")
    void infotecsFlagsUnsupportedPlatform() {
        String id = file("itc-platform", """
                {"subject": "VPN drops", "severity": 2, "productId": "vipnet-p", "version": "5.0", "platform": "windows-10"}""")
                .then().statusCode(201).body("flags", hasItem("UNSUPPORTED_PLATFORM")).body("platform", equalTo("windows-10"))
                .extract().path("id");
        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.await(Topics.TICKETS.name(), r -> id.equals(r.key()), 1,
                Duration.ofSeconds(20));
        TicketCreated created = (TicketCreated) CloudEventCodec.fromRecord(records.get(0)).data();
        assertThat(created.flags()).containsExactly("UNSUPPORTED_PLATFORM");
        given().auth().oauth2(TestTokens.agent()).when().get("/api/v1/tickets/" + id + "/history").then().statusCode(200)
                .body("[0].note", containsString("UNSUPPORTED_PLATFORM"));
        file("itc-platform", """
                {"subject": "VPN drops", "severity": 2, "productId": "vipnet-p", "platform": "astra-linux-1.7"}""")
                .then().statusCode(201).body("flags", empty());
    }

    @Test
    @DisplayName("IS-TKT-5 products publish their supported platforms on products.v1 and show them; contracts publish each instance's platform")
    void platformsArePublished() {
        given().auth().oauth2(TestTokens.agent()).when().get("/api/v1/products/qmetry-p").then().statusCode(200)
                .body("platforms", equalTo(List.of("linux-x86_64", "windows-server-2022")));
        List<ConsumerRecord<String, byte[]>> products = KafkaTestClient.await(Topics.PRODUCTS.name(),
                r -> "qmetry-p".equals(r.key()), 1, Duration.ofSeconds(20));
        ProductChanged product = (ProductChanged) CloudEventCodec.fromRecord(products.get(products.size() - 1)).data();
        assertThat(product.platforms()).containsExactly("linux-x86_64", "windows-server-2022");
        List<ConsumerRecord<String, byte[]>> contracts = KafkaTestClient.await(Topics.CONTRACTS.name(),
                r -> "is-platform".equals(r.key()), 1, Duration.ofSeconds(20));
        ContractChanged contract = (ContractChanged) CloudEventCodec.fromRecord(contracts.get(contracts.size() - 1)).data();
        assertThat(contract.instances()).extracting(ContractChanged.ServiceInstance::instanceId, ContractChanged.ServiceInstance::platform)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("on-linux", "linux-x86_64"),
                        org.assertj.core.groups.Tuple.tuple("on-solaris", "solaris-11"),
                        org.assertj.core.groups.Tuple.tuple("unplaced", null));
    }

    @Test
    @DisplayName("IS-TKT-5 DESIGN-6 bad platforms are a precise 400 naming the field, and nothing is written")
    void badPlatforms() {
        long before = tickets();
        for (String[] bad : new String[][] {
                { "{\"subject\": \"x\", \"severity\": 2, \"productId\": \"qmetry-p\", \"platform\": \"Linux X\"}", "platform" },
                { "{\"subject\": \"x\", \"severity\": 2, \"productId\": \"qmetry-p\", \"platform\": \"\"}", "platform" },
                { "{\"subject\": \"x\", \"severity\": 2, \"productId\": \"qmetry-p\", \"platform\": 7}", "platform" },
                { "{\"subject\": \"x\", \"severity\": 2, \"productId\": \"qmetry-p\", \"platform\": \"" + "a".repeat(65) + "\"}", "platform" },
                { "{\"subject\": \"x\", \"severity\": 2, \"platform\": \"linux-x86_64\"}", "platform" } }) {
            file("is-platform", bad[0]).then().statusCode(400).contentType(Fixtures.PROBLEM)
                    .body("violations[0].field", containsString(bad[1]));
        }
        assertThat(tickets()).isEqualTo(before);
        putProduct("qmetry-p", """
                {"name": "QMetry", "policy": "infostretch", "platforms": ["linux-x86_64", "linux-x86_64"]}""")
                .statusCode(400).body("violations[0].field", equalTo("platforms[1]"));
        putProduct("qmetry-p", """
                {"name": "QMetry", "policy": "infostretch", "platforms": ["Windows 11"]}""")
                .statusCode(400).body("violations[0].field", containsString("platforms"));
        Fixtures.putAccount("is-platform", Fixtures.contract("infostretch", "maintenance", "2020-01-01", null, """
                "instances": [{"instanceId": "x1", "productId": "qmetry-p", "version": "8.0.0.0", "environment": "e", "platform": "Solaris!"}]"""))
                .statusCode(400).body("violations[0].field", containsString("platform"));
    }

    @Test
    @DisplayName("IS-TKT-5 a ticket naming no product is judged against the contract's only licensed product: platform and version checked, the product recorded")
    void theOnlyLicensedProductIsJudged() {
        Fixtures.account("itc-one", "infotecs", "premium", "\"products\": [{\"productId\": \"vipnet-p\"}]");
        file("itc-one", """
                {"subject": "VPN drops", "severity": 2, "platform": "windows-10"}""")
                .then().statusCode(201).body("productId", equalTo("vipnet-p")).body("flags", hasItem("UNSUPPORTED_PLATFORM"));
        file("itc-one", """
                {"subject": "VPN drops", "severity": 2, "version": "9.9"}""")
                .then().statusCode(400).body("violations[0].field", equalTo("version"));
        file("itc-one", """
                {"subject": "VPN drops", "severity": 2, "version": "5.0"}""")
                .then().statusCode(201).body("productId", equalTo("vipnet-p")).body("version", equalTo("5.0"));
        Fixtures.account("is-one", "infostretch", "maintenance", "\"products\": [{\"productId\": \"qmetry-p\"}]");
        long before = tickets();
        file("is-one", """
                {"subject": "Crash on Solaris", "severity": 2, "platform": "solaris-11"}""")
                .then().statusCode(422).body("type", containsString("unsupported-platform"));
        assertThat(tickets()).isEqualTo(before);
        // two licensed products (is-platform): no product can be assumed, so a platform alone stays a 400
        file("is-platform", """
                {"subject": "x", "severity": 2, "platform": "solaris-11"}""")
                .then().statusCode(400).body("violations[0].field", equalTo("platform"));
    }

    @Test
    @DisplayName("IS-TKT-5 InfoStretch's notCovered: a third-party application, a non-English language and a Professional Service are accepted flagged, in the answer and in ticket.created")
    void notCoveredTopicsAreFlagged() {
        String id = file("is-platform", """
                {"subject": "Jira sync in German", "severity": 3, "language": "de-AT", "thirdPartyApplication": "Jira",
                 "professionalService": "TRAINING"}""")
                .then().statusCode(201).body("flags", hasItems("NOT_COVERED_THIRD_PARTY_APPLICATION",
                        "NOT_COVERED_NON_ENGLISH_LANGUAGE", "NOT_COVERED_PROFESSIONAL_SERVICES")).extract().path("id");
        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.await(Topics.TICKETS.name(), r -> id.equals(r.key()), 1,
                Duration.ofSeconds(20));
        TicketCreated created = (TicketCreated) CloudEventCodec.fromRecord(records.get(0)).data();
        assertThat(created.flags()).containsExactly("NOT_COVERED_THIRD_PARTY_APPLICATION",
                "NOT_COVERED_NON_ENGLISH_LANGUAGE", "NOT_COVERED_PROFESSIONAL_SERVICES");
        file("is-platform", """
                {"subject": "In English", "severity": 3, "language": "en-GB"}""").then().statusCode(201).body("flags", empty());
        // Infotecs lists no notCovered: all covered
        file("itc-platform", """
                {"subject": "По-русски", "severity": 3, "language": "ru"}""").then().statusCode(201).body("flags", empty());
        file("is-platform", """
                {"subject": "x", "severity": 3, "language": "English!"}""")
                .then().statusCode(400).body("violations[0].field", containsString("language"));
        file("is-platform", """
                {"subject": "x", "severity": 3, "professionalService": "COOKING"}""").then().statusCode(400);
    }
}
