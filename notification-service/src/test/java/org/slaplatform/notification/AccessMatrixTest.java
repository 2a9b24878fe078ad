package org.slaplatform.notification;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.slaplatform.events.EventTypes;
import org.slaplatform.testing.Access;
import org.slaplatform.testing.AccessMatrixContract;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Issue 17: notification-service's access table, subscriptions and deliveries of an own and a foreign
 * account, and the fuzz.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class AccessMatrixTest extends AccessMatrixContract {

    /** Makes each subscription's address new, so that no call is refused as the account's same subscription. */
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    AccessMatrixTest() {
        super("acme-matrix", "globex-matrix");
    }

    @Override
    protected Map<String, Access> accessTable() {
        return Map.ofEntries(
                // NTF-5: customers for their own account, admins for any; a customer naming another account
                // is refused outright (Caller.accountForWrite): 403.
                Map.entry("createSubscription", Access.account("customer", "admin").foreign(403)),
                Map.entry("listSubscriptions", Access.account("customer", "admin").foreign(403)),
                Map.entry("getSubscription", Access.account("customer", "admin")),
                Map.entry("deleteSubscription", Access.account("customer", "admin")),
                // Double opt-in: the token exists only in the mail to the address, so an own-account call
                // with the document's example token is the 400 naming `token`; DoubleOptInTest confirms
                // with the mailed one. Another account's subscription is a 404.
                Map.entry("confirmSubscription", Access.account("customer", "admin").answers(400)),
                // NTF-5: the delivery log; agents read it too, only an admin replays.
                Map.entry("listDeliveries", Access.account("customer", "agent", "admin").foreign(403)),
                Map.entry("getDelivery", Access.account("customer", "agent", "admin")),
                Map.entry("replayDelivery", Access.account("admin")));
    }

    /**
     * A replayed delivery is PENDING again and the worker tries it on its own: its state columns and its
     * tries move while the fuzz runs; a new delivery row (a malformed request stored) still shows.
     */
    @Override
    protected Set<String> tablesThatChangeOnTheirOwn() {
        return Set.of("delivery_attempts");
    }

    @Override
    protected Map<String, Set<String>> columnsThatChangeOnTheirOwn() {
        return Map.of("outbox", Set.of("published_at"), "deliveries", Set.of("state", "attempts", "next_attempt_at",
                "claim_token", "claimed_until", "last_error", "delivered_at", "retry_from", "replayed_at", "replayed_by"));
    }

    @Override
    protected Map<String, String> parameters(String operationId, String account) {
        return switch (operationId) {
            case "listSubscriptions", "listDeliveries" -> Map.of("accountId", account);
            // Each delete removes its subscription, each replay needs a dead delivery: a fresh one a call.
            case "getSubscription", "deleteSubscription", "confirmSubscription" -> Map.of("id", subscribe(account));
            case "getDelivery", "replayDelivery" -> Map.of("id", deadDelivery(account));
            default -> Map.of();
        };
    }

    @Override
    protected String body(String operationId, String account, String example) {
        return operationId.equals("createSubscription") ? email(account) : example;
    }

    private static String email(String account) {
        return "{\"accountId\": \"" + account + "\", \"eventType\": \"" + EventTypes.TICKET_CREATED.type()
                + "\", \"channel\": \"EMAIL\", \"email\": \"ops-" + ADDRESSES.incrementAndGet() + "@" + account + ".example\"}";
    }

    private static String subscribe(String account) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(email(account))
                .when().post("/api/v1/subscriptions").then().statusCode(201).extract().path("id");
    }

    /**
     * A delivery that died, as the worker leaves one after its last try; written directly, since no
     * request makes one and a real failing target needs the delivery tests' own profile.
     */
    private static String deadDelivery(String account) {
        UUID id = UUID.randomUUID();
        try (Connection c = ServiceDatabase.connect(); PreparedStatement insert = c.prepareStatement("""
                insert into deliveries (id, delivery_key, account_id, channel, recipient, endpoint, notice, event_id,
                    event_type, event_source, event_time, payload, state, attempts, last_error)
                values (?, ?, ?, 'EMAIL', ?, 'smtp', 'ticket-created', ?, ?, 'ticket-service', now(), '{}', 'DEAD', 5,
                    'fixture: the mail server refused it')""")) {
            insert.setObject(1, id);
            insert.setString(2, "matrix-" + id);
            insert.setString(3, account);
            insert.setString(4, "ops@" + account + ".example");
            insert.setString(5, UUID.randomUUID().toString());
            insert.setString(6, EventTypes.TICKET_CREATED.type());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return id.toString();
    }
}
