package dev.amfa.facts;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * The org's policy settings as rules see them (policies/&lt;org&gt;/policy.json). One per evaluation; an org
 * without a policy folder gets the defaults (adaptive, no home countries, UTC, business hours always).
 */
public final class Org {
    private final String name;
    private final String mode;
    private final Set<String> homeCountries;
    private final ZoneId timeZone;
    private final BusinessHours businessHours;
    private final List<String> factors;

    public Org(String name, String mode, Set<String> homeCountries, ZoneId timeZone, BusinessHours businessHours,
               List<String> factors) {
        this.name = name;
        this.mode = mode;
        this.homeCountries = Set.copyOf(homeCountries);
        this.timeZone = timeZone;
        this.businessHours = businessHours;
        this.factors = List.copyOf(factors);
    }

    public String getName() { return name; }

    /** adaptive, always, off or audit. */
    public String getMode() { return mode; }
    public Set<String> getHomeCountries() { return homeCountries; }
    public String getTimeZone() { return timeZone.getId(); }

    /** Factors the org has enabled, in its order of preference. */
    public List<String> getFactors() { return factors; }

    /** True for a home country; an org without home countries has none, so nothing is "abroad" either. */
    @Helper("the login's country: `Geo($country : country)` then `Org(isHomeCountry($country))`")
    public boolean isHomeCountry(String country) {
        return country != null && homeCountries.contains(country);
    }

    /** True when the org lists home countries and the country is known and none of them. */
    @Helper("the login's country: `Geo($country : country)` then `Org(isAbroad($country))`")
    public boolean isAbroad(String country) {
        return !homeCountries.isEmpty() && country != null && !homeCountries.contains(country);
    }

    /** Within the org's business hours, in the org's time zone (not the server's). */
    @Helper("the login's time: `LoginContext($at : timestamp)` then `Org(!withinBusinessHours($at))`")
    public boolean withinBusinessHours(Instant at) {
        return businessHours.contains(at, timeZone);
    }

    /** Hour of day (0-23) in the org's time zone. */
    @Helper("the login's time: `LoginContext($at : timestamp)` then `Org(localHour($at) < 7)`")
    public int localHour(Instant at) {
        return at.atZone(timeZone).getHour();
    }

    @Override
    public String toString() {
        return "Org(" + name + ", " + mode + (homeCountries.isEmpty() ? "" : ", home " + homeCountries) + ")";
    }
}
