package dev.amfa.stats;

import dev.amfa.decisions.DecisionRecord;
import dev.amfa.decisions.InMemoryDecisionLog;
import dev.amfa.facts.Assessment;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Statistics of the in-memory decision log: one pass over the decisions kept in the range. */
public final class InMemoryDecisionStats implements DecisionStats {
    static final String TRAVEL = "ImpossibleTravel";

    private final InMemoryDecisionLog log;

    public InMemoryDecisionStats(InMemoryDecisionLog log) {
        this.log = log;
    }

    @Override
    public Future<JsonObject> compute(StatsQuery query) {
        StatsReport report = new StatsReport(query);
        for (DecisionRecord r : log.between(query.org(), query.from(), query.to())) {
            boolean challenged = r.decided().equals("challenge");
            report.decisions(query.bucketOf(r.at()), 1, challenged ? 1 : 0, r.decided().equals("deny") ? 1 : 0);
            report.country(r.country(), 1, challenged ? 1 : 0);
            report.device(r.input().device().getBrowserFamily(), r.input().device().getOsFamily(), 1);
            for (Assessment a : r.assessments()) {
                report.signal(a.getSignal(), a.getCode(), 1);
                if (a.getSignal().equals(TRAVEL)) route(report, a.getDetails());
            }
            if (!challenged) continue;
            ChallengeOutcome outcome = ChallengeOutcome.of(log.events(r.id()));
            if (!outcome.passedFirstTry() && !outcome.markedLegitimate()) continue;
            for (String signal : r.doubtingSignals()) {
                report.falsePositive(signal, outcome.passedFirstTry() ? 1 : 0, outcome.markedLegitimate() ? 1 : 0);
            }
        }
        return Future.succeededFuture(report.toJson());
    }

    /** A move between two differently named places, as the travel signal saw it. */
    private static void route(StatsReport report, JsonObject details) {
        JsonObject from = details.getJsonObject("from");
        JsonObject to = details.getJsonObject("to");
        if (from == null || to == null) return;
        String a = label(from);
        String b = label(to);
        if (!a.equals(b)) report.route(a, b, 1);
    }

    static String label(JsonObject place) {
        String city = place.getString("city");
        String country = place.getString("country", StatsReport.UNKNOWN);
        return city == null ? country : city + ", " + country;
    }
}
