package dev.amfa.store.postgres;

import dev.amfa.decisions.DecisionQuery;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * GET /v1/decisions as SQL: only the filters given, so each combination is its own prepared statement with its
 * own plan on the index made for it (decisions_org_time, decisions_org_user_time, decisions_org_action_time,
 * decisions_codes, decisions_time). A "filter IS NULL OR ..." form would share one generic plan that can use
 * none of them.
 */
record DecisionSearchSql(String sql, Tuple args) {
    static final String COLUMNS = "id, at, record";

    static DecisionSearchSql of(DecisionQuery q) {
        List<String> where = new ArrayList<>();
        Tuple args = Tuple.tuple();
        if (q.org() != null) where.add("org = " + param(args, q.org()));
        if (q.userId() != null) where.add("user_id = " + param(args, q.userId()));
        if (q.action() != null) where.add("action = " + param(args, q.action()));
        if (q.code() != null) {
            String code = q.signal() == null ? q.code() : q.signal() + ":" + q.code();
            where.add("codes @> ARRAY[" + param(args, code) + "::text]");
        }
        if (q.from() != null) where.add("at >= " + param(args, Times.of(q.from())));
        if (q.to() != null) where.add("at < " + param(args, Times.of(q.to())));
        if (q.after() != null) {
            // Row comparison: the index on (..., at DESC, id DESC) serves it as a range.
            where.add("(at, id) < (" + param(args, Times.of(q.after().at())) + ", " + param(args, q.after().id()) + ")");
        }
        String sql = "SELECT " + COLUMNS + " FROM decisions" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY at DESC, id DESC LIMIT " + param(args, q.limit() + 1);
        return new DecisionSearchSql(sql, args);
    }

    private static String param(Tuple args, Object value) {
        args.addValue(value);
        return "$" + args.size();
    }
}
