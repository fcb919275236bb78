package dev.amfa.store.postgres;

import dev.amfa.stats.DecisionStats;
import dev.amfa.stats.StatsQuery;
import dev.amfa.stats.StatsReport;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/**
 * Statistics of the PostgreSQL decision log as SQL aggregates: the database groups, only the groups travel.
 * Every query has the same filter (org or every org, a time range: the decisions_org_time / decisions_time
 * indexes). The false-positive rules are ChallengeOutcome's, in SQL.
 */
public final class PgDecisionStats implements DecisionStats {
    private static final String RANGE = " FROM decisions d WHERE ($1::text IS NULL OR d.org = $1) AND d.at >= $2 AND d.at < $3";
    private static final String BUCKETS = "SELECT date_trunc($4, d.at AT TIME ZONE 'UTC') AS t, count(*) AS n,"
            + " count(*) FILTER (WHERE d.decided = 'challenge') AS c, count(*) FILTER (WHERE d.decided = 'deny') AS x"
            + RANGE + " GROUP BY 1";
    private static final String SIGNALS = "SELECT split_part(c, ':', 1) AS signal, split_part(c, ':', 2) AS code, count(*) AS n"
            + " FROM (SELECT unnest(d.codes) AS c" + RANGE + ") s WHERE position(':' IN c) > 0 GROUP BY 1, 2";
    private static final String COUNTRIES = "SELECT d.country, count(*) AS n, count(*) FILTER (WHERE d.decided = 'challenge') AS c"
            + RANGE + " GROUP BY 1";
    private static final String DEVICES = "SELECT d.browser, d.os, count(*) AS n" + RANGE + " GROUP BY 1, 2";
    private static final String PLACE_FROM = "coalesce(a->'details'->'from'->>'city' || ', ', '') || coalesce(a->'details'->'from'->>'country', 'unknown')";
    private static final String PLACE_TO = "coalesce(a->'details'->'to'->>'city' || ', ', '') || coalesce(a->'details'->'to'->>'country', 'unknown')";
    private static final String ROUTES = "SELECT " + PLACE_FROM + " AS src, " + PLACE_TO + " AS dst, count(*) AS n"
            + RANGE.replace("WHERE", ", jsonb_array_elements(d.record->'assessments') a WHERE")
            + " AND a->>'signal' = 'ImpossibleTravel' AND a->'details' ? 'from' AND " + PLACE_FROM + " <> " + PLACE_TO
            + " GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 50";
    private static final String FALSE_POSITIVES = """
            WITH challenged AS (SELECT d.id, d.record%s AND d.decided = 'challenge'),
            outcomes AS (
                SELECT e.evaluation_id,
                       bool_or(e.type = 'challenge_passed' OR (e.type = 'outcome' AND e.details->>'mfa' = 'passed')) AS passed,
                       bool_or(e.type IN ('challenge_failed', 'challenge_locked') OR (e.type = 'outcome' AND e.details->>'mfa' = 'failed')) AS failed,
                       bool_or(e.type = 'feedback' AND e.details->>'verdict' = 'legitimate') AS legitimate
                FROM decision_events e JOIN challenged ch ON ch.id = e.evaluation_id GROUP BY e.evaluation_id)
            SELECT a->>'signal' AS signal, count(*) FILTER (WHERE o.passed AND NOT o.failed) AS first_try,
                   count(*) FILTER (WHERE o.legitimate) AS legitimate
            FROM challenged ch JOIN outcomes o ON o.evaluation_id = ch.id, jsonb_array_elements(ch.record->'assessments') a
            WHERE a->>'confidence' IN ('low', 'medium') GROUP BY 1""".formatted(RANGE);

    private final Pool pool;
    private final DecisionWriter writer;

    public PgDecisionStats(Pool pool, DecisionWriter writer) {
        this.pool = pool;
        this.writer = writer;
    }

    @Override
    public Future<JsonObject> compute(StatsQuery q) {
        Tuple range = Tuple.of(q.org(), Times.of(q.from()), Times.of(q.to()));
        StatsReport report = new StatsReport(q);
        return writer.flush()
                .compose(w -> query(BUCKETS, Tuple.of(q.org(), Times.of(q.from()), Times.of(q.to()), q.bucket())))
                .compose(rows -> {
                    for (Row r : rows) report.decisions(r.getLocalDateTime("t").toInstant(java.time.ZoneOffset.UTC),
                            r.getLong("n"), r.getLong("c"), r.getLong("x"));
                    return query(SIGNALS, range);
                }).compose(rows -> {
                    for (Row r : rows) report.signal(r.getString("signal"), r.getString("code"), r.getLong("n"));
                    return query(COUNTRIES, range);
                }).compose(rows -> {
                    for (Row r : rows) report.country(r.getString("country"), r.getLong("n"), r.getLong("c"));
                    return query(DEVICES, range);
                }).compose(rows -> {
                    for (Row r : rows) report.device(r.getString("browser"), r.getString("os"), r.getLong("n"));
                    return query(ROUTES, range);
                }).compose(rows -> {
                    for (Row r : rows) report.route(r.getString("src"), r.getString("dst"), r.getLong("n"));
                    return query(FALSE_POSITIVES, range);
                }).map(rows -> {
                    for (Row r : rows) report.falsePositive(r.getString("signal"), r.getLong("first_try"), r.getLong("legitimate"));
                    return report.toJson();
                });
    }

    private Future<RowSet<Row>> query(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args);
    }
}
