package org.slaplatform.ticket.repository;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.runtime.db.SessionSql;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class ContractRepository implements PanacheRepositoryBase<Contract, String> {

    /** The accounts whose contract terms contain $1 (a JSON document), in account order. */
    private static final String ACCOUNTS_WHOSE_TERMS_CONTAIN =
            "select account_id from contracts where terms @> cast(cast($1 as text) as jsonb) order by account_id";

    /**
     * The contract as intake needs it (policy, plan, zone, currency, dates, terms), read on the reactive SQL client
     * of the intake's transaction; null when the account has none. The entity is not managed.
     */
    public Uni<Contract> forIntake(SqlClient client, String accountId) {
        return client.preparedQuery("select account_id, policy, policy_version, plan, time_zone, currency, starts_on, ends_on,"
                + " terms::text as terms from contracts where account_id = $1").execute(Tuple.of(accountId))
                .map(rows -> rows.size() == 0 ? null : intakeView(rows.iterator().next()));
    }

    private static Contract intakeView(Row row) {
        Contract contract = new Contract();
        contract.accountId = row.getString("account_id");
        contract.policy = row.getString("policy");
        contract.policyVersion = row.getInteger("policy_version");
        contract.plan = row.getString("plan");
        contract.timeZone = row.getString("time_zone");
        contract.currency = row.getString("currency");
        contract.startsOn = row.getLocalDate("starts_on");
        contract.endsOn = row.getLocalDate("ends_on");
        contract.terms = row.getString("terms");
        return contract;
    }

    /** {@link #accountsWithContact(String)} on the reactive SQL client of the caller's transaction. */
    public Uni<List<String>> accountsWithContact(SqlClient client, String email) {
        String probe = CloudEventCodec.dataJson(Map.of("contacts", List.of(Map.of("email", email.toLowerCase()))));
        return client.preparedQuery(ACCOUNTS_WHOSE_TERMS_CONTAIN)
                .execute(Tuple.of(probe)).map(ContractRepository::accountIds);
    }

    /** The accounts whose contract names {@code email} (stored lower-case) as a contact (IS-TKT-1 email intake). */
    public Uni<List<String>> accountsWithContact(String email) {
        String probe = CloudEventCodec.dataJson(Map.of("contacts", List.of(Map.of("email", email.toLowerCase()))));
        return Panache.getSession().chain(s -> SessionSql.column(s, ACCOUNTS_WHOSE_TERMS_CONTAIN, String.class, probe));
    }

    /** {@link #accountsPartneredBy(String)} on the reactive SQL client, outside any session. */
    public Uni<List<String>> accountsPartneredBy(SqlClient client, String partner) {
        String probe = CloudEventCodec.dataJson(Map.of("partners", List.of(partner)));
        return client.preparedQuery(ACCOUNTS_WHOSE_TERMS_CONTAIN)
                .execute(Tuple.of(probe)).map(ContractRepository::accountIds);
    }

    private static List<String> accountIds(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<String> accounts = new java.util.ArrayList<>();
        rows.forEach(row -> accounts.add(row.getString(0)));
        return accounts;
    }

    /** The accounts whose contract lets {@code partner} file and follow tickets (INF-TKT-8). */
    public Uni<List<String>> accountsPartneredBy(String partner) {
        String probe = CloudEventCodec.dataJson(Map.of("partners", List.of(partner)));
        return Panache.getSession().chain(s -> SessionSql.column(s, ACCOUNTS_WHOSE_TERMS_CONTAIN, String.class, probe));
    }
}
