package dev.amfa.simulate;

/**
 * What a labelled login really is, so a run can say how often real users were bothered and how often an
 * attacker got through. The targets are per {@link Kind}: ordinary logins challenged at most 0.5 %,
 * every legitimate login but first ones at most 1 %, no legitimate login denied, no attack allowed.
 */
public enum Scenario {
    FIRST_LOGIN(Kind.FIRST, "a user's first login on each of their devices (laptop, phone), at home"),
    HOME(Kind.ORDINARY, "laptop or phone at home, on the home network (IPv4 or IPv6)"),
    OFFICE(Kind.ORDINARY, "laptop at the office of the home city (one network for all its staff)"),
    CARRIER_PHONE(Kind.ORDINARY, "phone on the mobile carrier: a country-level GeoIP record"),
    CLEARED_COOKIES(Kind.OTHER_LEGITIMATE, "a known browser after clearing cookies: a new device id"),
    FLIGHT(Kind.OTHER_LEGITIMATE, "a trip to another continent and back, logins after landing"),
    CREDENTIAL_STUFFING(Kind.ATTACK, "a script tries leaked passwords on many accounts from three IPs"),
    IPV6_ROTATION(Kind.ATTACK, "stuffing from one IPv6 /64, a new address each attempt"),
    STOLEN_COOKIE(Kind.ATTACK, "the victim's device cookie replayed from abroad with another browser"),
    SAME_CITY_ATTACKER(Kind.ATTACK, "the password used in the victim's city with the victim's browser family"),
    IMPOSSIBLE_TRAVEL(Kind.ATTACK, "the password used on another continent an hour after the victim"),
    DENY_LISTED_IP(Kind.ATTACK, "the password used from an address on an abuse deny list");

    public enum Kind {
        FIRST, ORDINARY, OTHER_LEGITIMATE, ATTACK;

        public boolean legitimate() {
            return this != ATTACK;
        }
    }

    public final Kind kind;
    public final String description;

    Scenario(Kind kind, String description) {
        this.kind = kind;
        this.description = description;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
