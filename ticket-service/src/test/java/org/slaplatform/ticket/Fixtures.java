package org.slaplatform.ticket;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Accounts, contracts and products set up the way an admin does it: through the API. */
final class Fixtures {

    static final String PROBLEM = "application/problem+json";

    private Fixtures() {
    }

    /** A contract body; {@code extra} is spliced into the contract object (e.g. contacts, partners). */
    static String contract(String policy, String plan, String startsOn, String endsOn, String extra) {
        return """
                {"name": "Customer", "contract": {
                  "policy": "%s", "plan": "%s", "timeZone": "America/Los_Angeles", "currency": "USD",
                  "monthlyCharges": 1000.00, "billingCycle": "MONTHLY", "startsOn": "%s"%s%s}}"""
                .formatted(policy, plan, startsOn, endsOn == null ? "" : ", \"endsOn\": \"" + endsOn + "\"",
                        extra == null || extra.isBlank() ? "" : ", " + extra);
    }

    static ValidatableResponse putAccount(String accountId, String body) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .when().put("/api/v1/accounts/" + accountId).then();
    }

    /** An account on the given policy and plan, valid from 2020 on, with no end. */
    static void account(String accountId, String policy, String plan) {
        putAccount(accountId, contract(policy, plan, "2020-01-01", null, null)).statusCode(200);
    }

    static void account(String accountId, String policy, String plan, String extra) {
        putAccount(accountId, contract(policy, plan, "2020-01-01", null, extra)).statusCode(200);
    }

    static String fileTicket(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("id");
    }

    static void execute(String sql) {
        try (Connection connection = ServiceDatabase.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
