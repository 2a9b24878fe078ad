package org.slaplatform.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every table of the service's schema, each as its row count and an MD5 of its rows: taken before
 * and after requests that must store nothing (DESIGN-6, issue 17).
 */
public record DatabaseSnapshot(Map<String, String> tables) {

    /**
     * Every base table of the current schema but {@code excluded}, each without the columns
     * {@code ignored} names for it.
     */
    public static DatabaseSnapshot take(Set<String> excluded, Map<String, Set<String>> ignored) {
        Map<String, String> tables = new TreeMap<>();
        try (Connection connection = ServiceDatabase.connect(); Statement statement = connection.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("select table_name from information_schema.tables"
                    + " where table_schema = current_schema() and table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                if (excluded.contains(name)) {
                    continue;
                }
                String row = ignored.containsKey(name) ? columns(connection, name, ignored.get(name)) : "t";
                try (ResultSet rs = statement.executeQuery("select count(*), md5(coalesce(string_agg((" + row
                        + ")::text, '|' order by (" + row + ")::text), '')) from \"" + name + "\" t")) {
                    rs.next();
                    tables.put(name, rs.getLong(1) + " rows, md5 " + rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot snapshot the service's database", e);
        }
        return new DatabaseSnapshot(tables);
    }

    private static String columns(Connection connection, String table, Set<String> ignored) throws SQLException {
        List<String> kept = new ArrayList<>();
        try (java.sql.PreparedStatement statement = connection.prepareStatement("select column_name from"
                + " information_schema.columns where table_schema = current_schema() and table_name = ?"
                + " order by ordinal_position")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (!ignored.contains(rs.getString(1))) {
                        kept.add("t.\"" + rs.getString(1) + "\"");
                    }
                }
            }
        }
        return "row(" + String.join(", ", kept) + ")";
    }

    /** The tables whose rows differ from {@code before}'s, each with both states. */
    public List<String> changedSince(DatabaseSnapshot before) {
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, String> table : tables.entrySet()) {
            String earlier = before.tables.get(table.getKey());
            if (!table.getValue().equals(earlier)) {
                changed.add(table.getKey() + ": " + earlier + " -> " + table.getValue());
            }
        }
        return changed;
    }
}
