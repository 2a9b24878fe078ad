package org.slaplatform.runtime.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link SessionSql#positional}: named parameters to PostgreSQL's placeholders. */
class SessionSqlPositionalTest {

    @Test
    void namesBecomeNumbersInOrderOfFirstUseAndTheSameNameTheSameNumber() {
        SessionSql.Positional p = SessionSql.positional(
                "select * from t where a = :account and b >= :from and c < :to and d = :account");

        assertThat(p.sql()).isEqualTo("select * from t where a = $1 and b >= $2 and c < $3 and d = $1");
        assertThat(p.names()).containsExactly("account", "from", "to");
    }

    @Test
    void castsAndQuotedTextAreLeftAlone() {
        SessionSql.Positional p = SessionSql.positional(
                "select to_char(x, 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), \"odd:name\", :id::uuid, cast(:a_1 as text) from t");

        assertThat(p.sql()).isEqualTo(
                "select to_char(x, 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), \"odd:name\", $1::uuid, cast($2 as text) from t");
        assertThat(p.names()).containsExactly("id", "a_1");
    }

    @Test
    void aStatementWithoutParametersIsUnchanged() {
        assertThat(SessionSql.positional("select 1::int").sql()).isEqualTo("select 1::int");
        assertThat(SessionSql.positional("select 1::int").names()).isEmpty();
    }
}
