package dev.amfa.policy;

import dev.amfa.engine.RuleSet;
import dev.amfa.facts.Org;
import dev.amfa.ip.IpLists;
import dev.amfa.signals.SignalSettings;

/**
 * Everything one evaluation of an org runs under: the baseline, the org's own policy (or the defaults), the
 * thresholds with the org's overrides applied, and the version reported with each decision. Derived once
 * per activation, not per evaluation.
 */
public record EffectivePolicy(String org, Baseline baseline, OrgPolicy own, OrgSettings settings,
                              SignalSettings signals, Org fact, IpLists allowNetworks, String version) {

    /** @throws IllegalArgumentException when the org overrides a threshold the baseline does not have, or badly */
    public static EffectivePolicy of(Baseline baseline, String org, OrgPolicy own) {
        OrgSettings settings = own == null ? OrgSettings.DEFAULT : own.settings();
        Org fact = new Org(org, settings.mode().json(), settings.homeCountries(), settings.timeZone(),
                settings.businessHours(), settings.factors());
        return new EffectivePolicy(org, baseline, own, settings,
                baseline.signals().withOverrides(settings.thresholds()), fact,
                IpLists.allowOnly("policy " + org, settings.allowNetworks()),
                own == null ? baseline.version() : baseline.version() + "+" + own.version());
    }

    public RuleSet ownRules() {
        return own == null ? null : own.rules();
    }
}
