package dev.amfa.decisions;

import dev.amfa.evaluation.InputLimits;
import dev.amfa.evaluation.InvalidInputException;
import dev.amfa.evaluation.JsonFields;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * The filters of GET /v1/decisions. Results are ordered newest first by (time of the login, evaluation id);
 * a cursor is the position of the last decision of a page, so paging stays stable while new decisions arrive.
 *
 * @param signal a signal name whose code must match, or null for any signal
 * @param code   a signal code some assessment must have, or null
 * @param after  the cursor position (exclusive), or null for the first page
 */
public record DecisionQuery(String org, String userId, String action, String signal, String code, Instant from,
                            Instant to, Position after, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    static final List<String> ACTIONS = List.of("allow", "challenge", "deny");

    /** Where a page ended. */
    public record Position(Instant at, String id) {
    }

    /** Reads the query parameters; a bad one is a 400 naming it. */
    public static DecisionQuery parse(Function<String, String> raw) {
        Function<String, String> param = InputLimits.idParams(raw);
        String action = param.apply("action");
        if (action != null) JsonFields.oneOf("action", action, ACTIONS);
        Instant from = time(param, "from");
        Instant to = time(param, "to");
        if (from != null && to != null && !from.isBefore(to)) throw new InvalidInputException("to", "must be after from");
        String signal = param.apply("signal");
        String code = param.apply("code");
        if (signal != null && code == null) throw new InvalidInputException("code", "is required with signal");
        return new DecisionQuery(param.apply("org"), param.apply("user"), action, signal, code, from, to,
                position(param.apply("cursor")), limit(param.apply("limit")));
    }

    public static Instant time(Function<String, String> param, String name) {
        String text = param.apply(name);
        if (text == null) return null;
        Instant at;
        try {
            at = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name, "must be an ISO-8601 instant such as 2026-11-20T08:00:00Z");
        }
        // Instant reaches a billion years either way; arithmetic on such a bound (or PostgreSQL) would fail.
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw new InvalidInputException(name, "must be between " + EARLIEST + " and " + LATEST);
        }
        return at;
    }

    /** The range of times a query may name. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static int limit(String text) {
        if (text == null) return DEFAULT_LIMIT;
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) return limit;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidInputException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    static String cursor(Instant at, String id) {
        String raw = at.getEpochSecond() + "." + at.getNano() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Position position(String cursor) {
        if (cursor == null) return null;
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            String[] time = raw.substring(0, bar).split("\\.");
            Instant at = Instant.ofEpochSecond(Long.parseLong(time[0]), Long.parseLong(time[1]));
            String id = raw.substring(bar + 1);
            InputLimits.id("cursor", id);
            return new Position(at, id);
        } catch (RuntimeException e) {
            throw new InvalidInputException("cursor", "is not a cursor this API gave out");
        }
    }

    /** Whether a record passes every filter (the in-memory log's search; SQL says the same in WHERE). */
    public boolean matches(DecisionRecord r) {
        if (org != null && !org.equals(r.org())) return false;
        if (userId != null && !userId.equals(r.userId())) return false;
        if (action != null && !action.equals(r.action())) return false;
        if (from != null && r.at().isBefore(from)) return false;
        if (to != null && !r.at().isBefore(to)) return false;
        if (after != null && !before(r, after)) return false;
        if (code == null) return true;
        return r.assessments().stream().anyMatch(a -> a.getCode().equals(code)
                && (signal == null || a.getSignal().equals(signal)));
    }

    /** Newest first: whether r comes after the position in that order. */
    private static boolean before(DecisionRecord r, Position p) {
        int byTime = r.at().compareTo(p.at());
        return byTime < 0 || (byTime == 0 && r.id().compareTo(p.id()) < 0);
    }
}
