package org.slaplatform.availability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.TestClock;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * QNT-AVL-6: the public status page as a real browser shows it, in Debian's {@code chromium}, which
 * the build installs before this module's tests when it is missing ({@code tools/ensure-test-tools});
 * where it cannot, this test fails and says so.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class StatusPageBrowserTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Path SCREENSHOT = Path.of("target", "status-page.png");

    @Test
    @DisplayName("QNT-AVL-6 the status page, anonymous, shows state, incidents, upcoming maintenance and 90 daily bars with the percentage on hover, in headless Chromium")
    void statusPageInARealBrowser() throws Exception {
        String chromium = chromium();
        TestClock.reset();
        String account = "status-" + UUID.randomUUID().toString().substring(0, 8);
        String web = account + "-web";
        String api = account + "-api";
        Fixtures.contract(account, "quantive", "Enterprise", "Europe/Berlin", web, api);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        // Noon in the account's zone two days ago: the 45 minutes fall in one day of the page's bars
        // whatever time of day the test runs (near midnight Berlin they would be split over two).
        Instant twoDaysAgo = LocalDate.ofInstant(now, BERLIN).minusDays(2).atTime(12, 0).atZone(BERLIN).toInstant();
        List<Fixtures.Check> checks = new ArrayList<>(Fixtures.minutes(web, twoDaysAgo, twoDaysAgo.plusSeconds(45 * 60), false,
                "frankfurt", "virginia", "singapore"));
        checks.addAll(Fixtures.minutes(api, now.minusSeconds(600), now, true, "frankfurt", "virginia", "singapore"));
        Fixtures.postBatch("status-" + UUID.randomUUID(), checks).statusCode(200);
        // An agent's note is shown on the page; a probe's never is (issue 17, TrustedInputsTest).
        given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON)
                .body(Map.of("instanceId", api, "cause", "OURS", "startedAt", now.minus(Duration.ofDays(5)).toString(),
                        "endedAt", now.minus(Duration.ofDays(5)).plusSeconds(1200).toString(), "note", "Login errors"))
                .when().post("/api/v1/outages").then().statusCode(201);
        Fixtures.announce(account, "PLANNED", now.plus(Duration.ofDays(3)), now.plus(Duration.ofDays(3)).plusSeconds(3600))
                .statusCode(201);

        // Public only once the account publishes it (here under its own id as the slug).
        given().when().get("/status/" + account).then().statusCode(404);
        Fixtures.publishStatusPage(account, account).statusCode(200).body("path", org.hamcrest.Matchers.equalTo("/status/" + account));
        String html = given().when().get("/status/" + account).then().statusCode(200)
                .contentType("text/html").extract().asString();
        assertThat(html).contains("Login errors").contains("database upgrade").contains("Unavailable (detected by probes)");
        given().when().get("/status/nobody-here").then().statusCode(404);

        String url = "http://localhost:" + RestAssured.port + "/status/" + account;
        String dom = run(chromium, "--dump-dom", url);
        Matcher bars = Pattern.compile("<div class=\"bar (up|degraded|down)\" title=\"([^\"]+)\"").matcher(dom);
        List<String> titles = new ArrayList<>();
        while (bars.find()) {
            titles.add(bars.group(2));
        }
        assertThat(titles).as("90 daily bars per instance").hasSize(180);
        assertThat(titles).allMatch(t -> t.matches("\\d{4}-\\d{2}-\\d{2}: \\d{1,3}\\.\\d{2} % uptime.*"));
        assertThat(titles).anyMatch(t -> t.contains("45 min unavailable"));
        assertThat(dom).contains("All systems operational").contains("Login errors").contains("planned");

        Files.deleteIfExists(SCREENSHOT);
        run(chromium, "--screenshot=" + SCREENSHOT.toAbsolutePath(), "--window-size=1100,1500", url);
        assertThat(SCREENSHOT).exists();
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
    }

    private static String chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        return fail("Debian's chromium is not installed, so the status page cannot be checked in a real browser: "
                + "apt-get install -y chromium (the build's tools/ensure-test-tools does this as root)");
    }

    private static String run(String chromium, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-dev-shm-usage", "--hide-scrollbars"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("chromium", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(false).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("chromium did not finish within 90 s: " + command);
        }
        assertThat(process.exitValue()).as("chromium exit code for " + command).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
