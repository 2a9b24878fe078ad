package org.slaplatform.ticket.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.runtime.time.Instants;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * IS-TKT-1 the {@code inbound_emails} table: one row per Message-ID, so that each message is handled
 * once whichever way it arrives. Runs on the reactive SQL client of the email intake's transaction,
 * which the ticket intake shares.
 */
@ApplicationScoped
public class InboundEmailRepository {

    /** What became of a message handled before: its outcome, its ticket if one was filed, the refusal reason. */
    public record Handled(String outcome, UUID ticketId, String reason) {
    }

    private static final String CLAIM = """
            insert into inbound_emails (message_id, received_at, sender, outcome)
            values ($1, $2, $3, 'PENDING') on conflict do nothing""";

    private static final String RECORD_OUTCOME = """
            update inbound_emails set outcome = $1, ticket_id = $2, reason = $3 where message_id = $4""";

    private static final String HANDLED = """
            select outcome, ticket_id, reason from inbound_emails where message_id = $1""";

    /** Records the message as PENDING; false when its Message-ID is already recorded (a message seen before). */
    public Uni<Boolean> claim(SqlClient client, String messageId, Instant receivedAt, String sender) {
        return client.preparedQuery(CLAIM).execute(Tuple.of(messageId, Instants.utc(receivedAt), sender))
                .map(inserted -> inserted.rowCount() == 1);
    }

    /** The message's outcome ({@code TICKET_CREATED} or {@code REFUSED}), with its ticket or the reason. */
    public Uni<Integer> recordOutcome(SqlClient client, String messageId, String outcome, UUID ticketId, String reason) {
        return client.preparedQuery(RECORD_OUTCOME).execute(Tuple.of(outcome, ticketId, reason, messageId))
                .map(rows -> rows.rowCount());
    }

    /** What became of a message recorded before. */
    public Uni<Handled> handled(SqlClient client, String messageId) {
        return client.preparedQuery(HANDLED).execute(Tuple.of(messageId)).map(rows -> {
            var row = rows.iterator().next();
            return new Handled(row.getString("outcome"), row.getUUID("ticket_id"), row.getString("reason"));
        });
    }
}
