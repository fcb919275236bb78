package dev.amfa.simulate;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The labelled run as a table per policy: friction per legitimate scenario (challenged %, denied %), attacks
 * allowed per attack scenario, the codes behind each, and the targets marked met or not met.
 */
public final class LabelledReport {
    /** Ordinary logins challenged at most this share. */
    public static final double ORDINARY_TARGET = 0.005;
    /** Every legitimate login but first ones challenged at most this share. */
    public static final double ALL_BUT_FIRST_TARGET = 0.01;
    /** Codes shown per scenario, most frequent first. */
    static final int CODES_SHOWN = 3;

    private LabelledReport() {
    }

    /** The figures the targets are about, for one policy. */
    public record Figures(int ordinary, int ordinaryChallenged, int allButFirst, int allButFirstChallenged,
                          int legitimateDenied, Set<Scenario> attacksAllowed) {
        public double ordinaryShare() {
            return share(ordinaryChallenged, ordinary);
        }

        public double allButFirstShare() {
            return share(allButFirstChallenged, allButFirst);
        }

        public boolean met() {
            return ordinaryShare() <= ORDINARY_TARGET && allButFirstShare() <= ALL_BUT_FIRST_TARGET
                    && legitimateDenied == 0 && attacksAllowed.isEmpty();
        }
    }

    public static Figures figures(Map<Scenario, LabelledRun.Tally> tallies) {
        int ordinary = 0, ordinaryChallenged = 0, allButFirst = 0, allButFirstChallenged = 0, denied = 0;
        Set<Scenario> allowed = EnumSet.noneOf(Scenario.class);
        for (var entry : tallies.entrySet()) {
            Scenario.Kind kind = entry.getKey().kind;
            LabelledRun.Tally t = entry.getValue();
            if (kind == Scenario.Kind.ATTACK) {
                if (t.allowed > 0) allowed.add(entry.getKey());
                continue;
            }
            denied += t.denied;
            // A denied login bothers the user at least as much as a challenged one: both count as friction.
            if (kind == Scenario.Kind.ORDINARY) {
                ordinary += t.logins;
                ordinaryChallenged += t.challenged + t.denied;
            }
            if (kind != Scenario.Kind.FIRST) {
                allButFirst += t.logins;
                allButFirstChallenged += t.challenged + t.denied;
            }
        }
        return new Figures(ordinary, ordinaryChallenged, allButFirst, allButFirstChallenged, denied, allowed);
    }

    public static String render(LabelledRun.Result result) {
        StringBuilder out = new StringBuilder();
        for (var org : result.orgs().entrySet()) {
            String name = org.getKey().equals(LabelledRun.BASELINE_ORG) ? "baseline (rules/ only)" : "policies/" + org.getKey();
            out.append("\n== ").append(name).append(", 100 % roll-out ==\n");
            out.append(String.format(Locale.ROOT, "%-20s %-9s %7s %11s %8s %9s  %s%n",
                    "scenario", "kind", "logins", "challenged", "denied", "allowed", "codes behind (challenged/denied legitimate, allowed attacks)"));
            for (var entry : org.getValue().entrySet()) {
                LabelledRun.Tally t = entry.getValue();
                Scenario s = entry.getKey();
                out.append(String.format(Locale.ROOT, "%-20s %-9s %7d %10.1f%% %7.1f%% %9s  %s%n",
                        s.label(), kind(s.kind), t.logins, 100.0 * share(t.challenged, t.logins), 100.0 * share(t.denied, t.logins),
                        s.kind == Scenario.Kind.ATTACK ? t.allowed + "/" + t.logins : String.valueOf(t.allowed), codes(t)));
            }
            Figures f = figures(org.getValue());
            out.append(String.format(Locale.ROOT, "targets: ordinary challenged %.2f%% (<= 0.5%%) %s; all but first %.2f%% (<= 1%%) %s; "
                            + "legitimate denied %d (0) %s; attack scenarios allowed %s %s%n",
                    100 * f.ordinaryShare(), mark(f.ordinaryShare() <= ORDINARY_TARGET),
                    100 * f.allButFirstShare(), mark(f.allButFirstShare() <= ALL_BUT_FIRST_TARGET),
                    f.legitimateDenied(), mark(f.legitimateDenied() == 0),
                    f.attacksAllowed().isEmpty() ? "none" : f.attacksAllowed().stream().map(Scenario::label).collect(Collectors.joining(", ")),
                    mark(f.attacksAllowed().isEmpty())));
        }
        return out.toString();
    }

    private static String kind(Scenario.Kind kind) {
        return switch (kind) {
            case FIRST -> "first";
            case ORDINARY -> "ordinary";
            case OTHER_LEGITIMATE -> "other";
            case ATTACK -> "attack";
        };
    }

    private static String codes(LabelledRun.Tally t) {
        List<Map.Entry<String, Integer>> top = t.codes.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(CODES_SHOWN).toList();
        return top.stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String mark(boolean met) {
        return met ? "met" : "NOT MET";
    }

    static double share(int part, int whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
