package dev.amfa.stats;

import dev.amfa.decisions.DecisionQuery;
import dev.amfa.evaluation.InvalidInputException;
import dev.amfa.evaluation.JsonFields;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;

/**
 * GET /v1/stats?org=&from=&to=&bucket=hour|day. Without a range, the last day (hourly) or, with bucket=day,
 * the last 30 days. A range is cut into at most {@link #MAX_BUCKETS} buckets.
 *
 * @param org null for every org
 */
public record StatsQuery(String org, Instant from, Instant to, String bucket) {
    public static final List<String> BUCKETS = List.of("hour", "day");
    static final int MAX_BUCKETS = 2_000;
    static final Duration DEFAULT_HOURLY_RANGE = Duration.ofDays(1);
    static final Duration DEFAULT_DAILY_RANGE = Duration.ofDays(30);

    public static StatsQuery parse(Function<String, String> raw, Clock clock) {
        Function<String, String> param = dev.amfa.evaluation.InputLimits.idParams(raw);
        String bucket = param.apply("bucket");
        bucket = JsonFields.oneOf("bucket", bucket == null ? "hour" : bucket, BUCKETS);
        Instant to = DecisionQuery.time(param, "to");
        Instant from = DecisionQuery.time(param, "from");
        if (to == null) to = clock.instant();
        if (from == null) from = to.minus(bucket.equals("hour") ? DEFAULT_HOURLY_RANGE : DEFAULT_DAILY_RANGE);
        if (!from.isBefore(to)) throw new InvalidInputException("to", "must be after from");
        StatsQuery query = new StatsQuery(param.apply("org"), from, to, bucket);
        if (Duration.between(query.firstBucket(), to).dividedBy(query.step()) >= MAX_BUCKETS) {
            throw new InvalidInputException("from", "the range has more than " + MAX_BUCKETS + " " + bucket
                    + " buckets: narrow it or use a larger bucket");
        }
        return query;
    }

    public Duration step() {
        return bucket.equals("hour") ? Duration.ofHours(1) : Duration.ofDays(1);
    }

    /** The start (UTC) of the bucket a time falls in. */
    public Instant bucketOf(Instant at) {
        return at.truncatedTo(bucket.equals("hour") ? ChronoUnit.HOURS : ChronoUnit.DAYS);
    }

    public Instant firstBucket() {
        return bucketOf(from);
    }
}
