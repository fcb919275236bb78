package dev.amfa.bench;

import dev.amfa.engine.RuleSource;

import java.util.List;

/**
 * Writes an org policy of N rules in the shapes policy authors actually use: match the application, a role,
 * the country, the concluded risk or one signal's assessment, and require factors or add a note. Rule i has
 * shape {@code i % 5} and key {@code (i / 5) % 200}, so every (shape, key) pair occurs once per 1,000 rules
 * and a given login matches only a handful of them, as in a real policy.
 */
final class GeneratedPolicy {
    private static final String[] COUNTRIES = {"GB", "SE", "US", "AU", "DE", "FR", "NL", "IT", "ES", "PL", "CH",
            "AT", "BE", "DK", "NO", "FI", "IE", "PT", "CZ", "HU", "RO", "BG", "GR", "TR", "UA", "RU", "CN", "JP",
            "KR", "IN", "BR", "AR", "MX", "CA", "ZA", "NG", "EG", "IL", "AE", "SG"};
    private static final String[][] SIGNAL_CODES = {
            {"NewDevice", "no_match"}, {"NewDevice", "partial_match"}, {"NewDevice", "initial_login"},
            {"ImpossibleTravel", "impossible_travel_from_last_login"},
            {"ImpossibleTravel", "substantial_travel_from_last_login"}, {"ImpossibleTravel", "unknown_location"},
            {"UntrustedIP", "found_on_deny_list"}, {"UntrustedIP", "high_velocity"}};

    private GeneratedPolicy() {
    }

    /** One DRL file holding rules {@code first .. first + count - 1}, in its own package. */
    static RuleSource of(String packageName, int first, int count) {
        StringBuilder drl = new StringBuilder(200 * count)
                .append("package ").append(packageName).append(";\n\n")
                .append("import dev.amfa.facts.*;\n\n")
                .append("global dev.amfa.facts.Decision decision;\n\n");
        for (int i = first; i < first + count; i++) rule(drl, i);
        return new RuleSource(packageName.replace('.', '/') + "/generated.drl", drl.toString());
    }

    static List<RuleSource> single(String packageName, int count) {
        return List.of(of(packageName, 0, count));
    }

    /**
     * N rules of one pattern each, discriminated by an equality Drools hashes (application, country, signal
     * and code, e-mail): the shape the first design measured flat (bench/README.md), and the one docs/policy-authoring.md recommends
     * for large rule sets.
     */
    static List<RuleSource> hashed(String packageName, int count) {
        StringBuilder drl = new StringBuilder(200 * count)
                .append("package ").append(packageName).append(";\n\n")
                .append("import dev.amfa.facts.*;\n\n")
                .append("global dev.amfa.facts.Decision decision;\n\n");
        for (int i = 0; i < count; i++) {
            int key = (i / 4) % 250;
            String[] signal = SIGNAL_CODES[key % SIGNAL_CODES.length];
            String pattern = switch (i % 4) {
                case 0 -> "LoginContext(application == \"app-" + key + "\")";
                case 1 -> "Geo(country == \"" + COUNTRIES[key % COUNTRIES.length] + "\", city == \"city-" + key + "\")";
                case 2 -> "Assessment(signal == \"" + signal[0] + "\", code == \"" + signal[1] + "\", detail(\"k\") == " + key + ")";
                default -> "User(email == \"user-" + key + "@example.com\")";
            };
            drl.append("rule \"h").append(i).append("\"\nwhen\n    ").append(pattern)
                    .append("\nthen\n    decision.require(\"webauthn-roaming\", \"otp\");\nend\n\n");
        }
        return List.of(new RuleSource(packageName.replace('.', '/') + "/hashed.drl", drl.toString()));
    }

    private static void rule(StringBuilder drl, int i) {
        int key = (i / 5) % 200;
        String app = "app-" + key;
        String role = "role-" + key;
        String country = COUNTRIES[key % COUNTRIES.length];
        String threshold = "0." + (1 + key % 9);
        String[] signal = SIGNAL_CODES[key % SIGNAL_CODES.length];
        drl.append("rule \"r").append(i).append("\"\nwhen\n");
        switch (i % 5) {
            case 0 -> drl.append("    LoginContext(application == \"").append(app).append("\")\nthen\n")
                    .append("    decision.require(\"webauthn-roaming\", \"webauthn-platform\");\n");
            case 1 -> drl.append("    User(hasRole(\"").append(role).append("\"))\n")
                    .append("    Risk(score > ").append(threshold).append(")\nthen\n")
                    .append("    decision.require(\"otp\", \"push\");\n");
            case 2 -> drl.append("    Geo(country == \"").append(country).append("\")\n")
                    .append("    Risk(score > ").append(threshold).append(")\nthen\n")
                    .append("    decision.note(\"risky login from ").append(country).append("\");\n");
            case 3 -> drl.append("    Assessment(signal == \"").append(signal[0]).append("\", code == \"")
                    .append(signal[1]).append("\")\n")
                    .append("    User(hasRole(\"").append(role).append("\"))\nthen\n")
                    .append("    decision.require(\"push\", \"otp\");\n");
            default -> drl.append("    LoginContext(application == \"").append(app).append("\")\n")
                    .append("    Geo(country == \"").append(country).append("\")\nthen\n")
                    .append("    decision.note(\"").append(app).append(" used from ").append(country).append("\");\n");
        }
        drl.append("end\n\n");
    }
}
