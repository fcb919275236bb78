package dev.amfa.policy.scaffold;

import dev.amfa.facts.Factor;
import dev.amfa.policy.OrgSettings;
import dev.amfa.policy.PolicySources;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The files {@code amfa init-policy <org>} writes: policy.json with every setting commented out at its
 * default, one example rule, and the tests that fire it and its near miss, so a new author starts green
 * (tests pass, every rule covered, nothing for {@code amfa check} to warn about).
 */
public final class PolicyScaffold {
    private PolicyScaffold() {
    }

    /** Path inside the policy folder to content. */
    public static Map<String, String> files(String org) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(OrgSettings.FILE_NAME, settings(org));
        files.put("example.drl", rule(org));
        files.put(PolicySources.TESTS + "example.json", tests());
        return files;
    }

    /** A Java package name for the org: "acme-eu" is amfa.org.acme_eu, "7seas" amfa.org.o7seas. */
    static String packageName(String org) {
        String name = org.replace('-', '_');
        return "amfa.org." + (Character.isDigit(name.charAt(0)) ? "o" + name : name);
    }

    private static String settings(String org) {
        OrgSettings d = OrgSettings.DEFAULT;
        String factors = d.factors().stream().map(f -> "\"" + f + "\"").collect(Collectors.joining(", "));
        return """
                // Settings of org "%s". Every one is optional; each is shown commented out with its default.
                // Remove the // in front of a setting to change it (keep the comma at its end).
                // Reference: docs/policy-authoring.md, "policy.json reference".
                {
                  // "mode": "%s",                  // adaptive, always, off or audit
                  // "factors": [%s],
                  // "home_countries": [],                // ISO 3166 alpha-2, e.g. ["DE", "AT"]: for Org(isAbroad($country))
                  // "time_zone": "%s",                  // IANA zone of business_hours and Org(localHour($at))
                  // "business_hours": {"days": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"], "start": "08:00", "end": "18:00"},
                  //                                      // default: every day, all day
                  // "allow_networks": [],                // CIDRs of the org's own networks, e.g. ["198.51.100.0/24"]
                  // "thresholds": {},                    // per-org overrides of rules/signals.properties, e.g. {"impossible_travel.impossible_kmh": 800}
                  // "rollout_percent": %d,
                  // "external_risk": {"url": "https://risk.example/v1/score", "timeout_ms": 150, "cache_seconds": 300},
                  //                                      // default: none
                  // require_rule_coverage defaults to false; on, a policy whose tests leave a rule unfired is not activated.
                  "require_rule_coverage": true
                }
                """.formatted(org, d.mode().json(), factors, d.timeZone().getId(), d.rolloutPercent());
    }

    private static String rule(String org) {
        return """
                package %s;

                import dev.amfa.facts.*;

                global Decision decision;

                // An example to edit or replace. Facts and helpers: docs/fact-model.md; worked examples:
                // docs/policy-authoring.md. Each rule needs a test case that fires it (tests/example.json).

                // Admin accounts open everything else: a second factor every time, even on a trusted device.
                rule "Admins always get MFA"
                when
                    User(hasRole("admin"))
                then
                    decision.challengeAtLeast("webauthn-roaming", "webauthn-platform", "otp");
                    decision.note("admin account: MFA every time");
                end
                """.formatted(packageName(org));
    }

    private static String tests() {
        return """
                [
                  {
                    "name": "An admin on a trusted device is challenged",
                    "request": {"user": {"id": "admin-1", "roles": ["admin"], "enrolled_factors": ["otp"]}},
                    "geo": {"country": "DE", "city": "Berlin", "latitude": 52.52, "longitude": 13.40},
                    "expect": {"action": "challenge", "factors": ["otp"], "rules": ["Admins always get MFA"]}
                  },
                  {
                    "name": "Near miss: a user who is not an admin, on a trusted device, is allowed",
                    "request": {"user": {"id": "user-1", "roles": ["staff"], "enrolled_factors": ["otp"]}},
                    "geo": {"country": "DE", "city": "Berlin", "latitude": 52.52, "longitude": 13.40},
                    "expect": {"action": "allow", "absent_rules": ["Admins always get MFA"], "absent_factors": ["otp"]}
                  }
                ]
                """;
    }
}
