package dev.amfa.simulate;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A population whose every login says what it is ({@link Scenario}): users at home on IPv4 or IPv6, at their
 * city's office, on their phone's carrier (a country-level GeoIP record), after clearing cookies, on a trip to
 * another continent; and attackers who stuff credentials (from three IPs, or rotating inside one IPv6 /64),
 * replay a stolen device cookie, log in from the victim's city with the victim's browser, from another
 * continent an hour after the victim, or from a deny-listed address. Reproducible from a seed.
 */
public final class LabelledPopulation {
    /** Logins per user per day, on average. */
    static final double LOGINS_PER_DAY = 2.0;
    /** Share of logins made on the phone; half of them on the carrier, half on the home network. */
    static final double PHONE = 0.4;
    /** Users with a home IPv6 network; users who work at their city's office; users who fly abroad once. */
    static final double IPV6_HOMES = 0.3;
    static final double OFFICE_WORKERS = 0.5;
    static final double TRAVELLERS = 0.15;
    /** Users who clear their browser's cookies once during the period. */
    static final double COOKIE_CLEARERS = 0.2;
    /** Attempts of each targeted attack scenario, per 6 users (10 for 60 users). */
    static final int TARGETED_PER_SIX_USERS = 1;
    /** A long-haul flight, gate to gate. */
    static final Duration FLIGHT = Duration.ofHours(13);
    static final String LAPTOP_CHROME = Population.USER_AGENTS.get(0);
    static final String LAPTOP_SAFARI = Population.USER_AGENTS.get(1);
    static final String PHONE_SAFARI = Population.USER_AGENTS.get(2);
    static final String PHONE_CHROME = Population.USER_AGENTS.get(3);
    static final String LAPTOP_FIREFOX = Population.USER_AGENTS.get(4);
    /** The victim's browser family, another version and platform: what a careful attacker sends. */
    static final String CHROME_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36";

    private LabelledPopulation() {
    }

    /** A user: where they live and how they log in. */
    private record Person(String id, LabelledPlaces.City home, boolean ipv6, boolean office, String laptopAgent,
                          String phoneAgent, List<Instant> logins) {
    }

    /** Every login of {@code users} users over the {@code days} days before {@code end}, oldest first. */
    public static List<Population.Login> logins(String org, int users, int days, Instant end, long seed, LabelledPlaces places) {
        Random random = new Random(seed);
        Instant start = end.minus(Duration.ofDays(days));
        long span = Duration.between(start, end).toSeconds();
        List<Population.Login> logins = new ArrayList<>();
        List<Person> people = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            LabelledPlaces.City home = places.cities().get(u % places.cities().size());
            boolean apple = random.nextBoolean();
            Person person = new Person("user" + u, home, random.nextDouble() < IPV6_HOMES, random.nextDouble() < OFFICE_WORKERS,
                    apple ? LAPTOP_SAFARI : LAPTOP_CHROME, apple ? PHONE_SAFARI : PHONE_CHROME, new ArrayList<>());
            people.add(person);
            boolean travels = random.nextDouble() < TRAVELLERS;
            LabelledPlaces.City abroad = elsewhere(random, places, home);
            long departs = (long) (span * (0.2 + 0.4 * random.nextDouble()));
            long arrives = departs + FLIGHT.toSeconds();
            long leaves = arrives + Duration.ofDays(3 + random.nextInt(3)).toSeconds();
            long backHome = leaves + FLIGHT.toSeconds();
            long clears = random.nextDouble() < COOKIE_CLEARERS ? (long) (span * (0.3 + 0.6 * random.nextDouble())) : -1;
            java.util.Set<String> devicesSeen = new java.util.HashSet<>();
            java.util.Set<String> browsersSeen = new java.util.HashSet<>();
            int count = (int) Math.max(2, Math.round(days * LOGINS_PER_DAY * (0.5 + random.nextDouble())));
            List<Long> offsets = new ArrayList<>();
            for (int i = 0; i < count; i++) offsets.add((long) (span * random.nextDouble()));
            offsets.sort(Long::compare);
            for (int i = 0; i < offsets.size(); i++) {
                long offset = offsets.get(i);
                if (travels && offset > departs && (offset < arrives || (offset > leaves && offset < backHome))) {
                    continue; // in the air
                }
                boolean onTrip = travels && offset >= arrives && offset <= leaves;
                boolean phone = random.nextDouble() < PHONE;
                String agent = phone ? person.phoneAgent() : person.laptopAgent();
                String device = person.id() + (phone ? "-phone" : "-laptop");
                // The browser's fingerprint: clearing cookies gives a new device id, not a new browser.
                String fingerprint = fingerprint(device);
                if (!phone && clears >= 0 && offset >= clears) device += "-after-clearing";
                Scenario scenario;
                String ip;
                boolean newDevice = devicesSeen.add(device);
                // Cookies cleared before the browser's first login leave nothing to recognise: a first login.
                boolean newBrowser = browsersSeen.add(fingerprint);
                if (newDevice && !newBrowser) {
                    scenario = Scenario.CLEARED_COOKIES;
                    ip = homeAddress(random, person);
                } else if (newDevice) {
                    scenario = Scenario.FIRST_LOGIN;
                    ip = homeAddress(random, person);
                } else if (onTrip) {
                    scenario = Scenario.FLIGHT;
                    ip = pick(random, abroad.ipv4());
                } else if (phone && random.nextBoolean()) {
                    scenario = Scenario.CARRIER_PHONE;
                    LabelledPlaces.Carrier carrier = places.carrier(person.home().country());
                    ip = person.ipv6() ? carrier.ipv6() : pick(random, carrier.ipv4());
                } else if (!phone && person.office() && random.nextBoolean()) {
                    scenario = Scenario.OFFICE;
                    ip = person.home().office();
                } else {
                    scenario = Scenario.HOME;
                    ip = homeAddress(random, person);
                }
                Instant at = start.plusSeconds(offset);
                person.logins().add(at);
                logins.add(new Population.Login(Population.request(org, person.id(), ip, device, fingerprint, agent, at), true, scenario));
            }
        }
        attacks(org, users, start, span, random, places, people, logins);
        logins.sort(Comparator.comparing(Population.Login::at));
        return logins;
    }

    private static void attacks(String org, int users, Instant start, long span, Random random, LabelledPlaces places,
                                List<Person> people, List<Population.Login> logins) {
        int targeted = Math.max(1, users / 6 * TARGETED_PER_SIX_USERS);
        // Victims with some history to be caught by (a short run can leave a traveller with only flights).
        List<Person> victims = people.stream().filter(p -> p.logins().size() >= 2).toList();
        for (int i = 0; i < targeted && !victims.isEmpty(); i++) {
            Person victim = victims.get(random.nextInt(victims.size()));
            LabelledPlaces.City abroad = elsewhere(random, places, victim.home());
            // After the victim's second login, so there is history to be caught by.
            Instant victimWasHere = victim.logins().get(1 + random.nextInt(victim.logins().size() - 1));
            Instant later = victimWasHere.plus(Duration.ofHours(1));
            String other = victim.laptopAgent().equals(LAPTOP_FIREFOX) ? LAPTOP_CHROME : LAPTOP_FIREFOX;
            String attackerDevice = "attacker-" + i;
            // The stolen cookie comes with the attacker's own browser's fingerprint.
            logins.add(attack(org, victim.id(), abroad.attacker(), victim.id() + "-laptop", fingerprint(attackerDevice), other,
                    later.plusSeconds(60), Scenario.STOLEN_COOKIE));
            logins.add(attack(org, victim.id(), victim.home().attacker(), attackerDevice + "-local", fingerprint(attackerDevice),
                    sameFamily(victim.laptopAgent()), start.plusSeconds((long) (span * (0.3 + 0.7 * random.nextDouble()))),
                    Scenario.SAME_CITY_ATTACKER));
            logins.add(attack(org, victim.id(), abroad.attacker(), attackerDevice + "-abroad", fingerprint(attackerDevice),
                    victim.laptopAgent(), later, Scenario.IMPOSSIBLE_TRAVEL));
            logins.add(attack(org, victim.id(), pick(random, places.abuse()), attackerDevice + "-listed", fingerprint(attackerDevice),
                    victim.laptopAgent(), start.plusSeconds((long) (span * random.nextDouble())), Scenario.DENY_LISTED_IP));
        }
        // Credential stuffing: one night, three IPs, real and made-up accounts, a script's agent and no cookie.
        Instant burst = start.plusSeconds((long) (span * 0.8));
        for (int i = 0; i < users * 3 / 2; i++) {
            String account = random.nextInt(3) == 0 ? "user" + random.nextInt(users) : "guess" + random.nextInt(users * 10);
            logins.add(attack(org, account, places.stuffing().get(i % places.stuffing().size()), null, Population.BOT_AGENT,
                    burst.plusSeconds(i * 2L), Scenario.CREDENTIAL_STUFFING));
        }
        // The same from one IPv6 /64, a fresh /128 each time and a browser's agent: 40 tries over 10 accounts.
        Instant rotation = start.plusSeconds((long) (span * 0.6));
        for (int i = 0; i < 40; i++) {
            String ip = places.ipv6Stuffer() + String.format(":%x:%x:%x:%x", random.nextInt(0x10000), random.nextInt(0x10000),
                    random.nextInt(0x10000), 1 + random.nextInt(0xffff));
            logins.add(attack(org, "user" + (i % Math.min(10, users)), ip, null, LAPTOP_CHROME, rotation.plusSeconds(i * 20L),
                    Scenario.IPV6_ROTATION));
        }
    }

    private static Population.Login attack(String org, String user, String ip, String device, String agent, Instant at,
                                           Scenario scenario) {
        return attack(org, user, ip, device, null, agent, at, scenario);
    }

    private static Population.Login attack(String org, String user, String ip, String device, String fingerprint, String agent,
                                           Instant at, Scenario scenario) {
        return new Population.Login(Population.request(org, user, ip, device, fingerprint, agent, at), false, scenario);
    }

    /** A browser's fingerprint, as a caller's script would compute it: one per browser, whatever its cookies. */
    private static String fingerprint(String browser) {
        return "fp-" + browser;
    }

    /** Chrome stays Chrome, Safari stays Safari, on another platform or version. */
    private static String sameFamily(String agent) {
        return agent.contains("Chrome") ? CHROME_ON_LINUX : LAPTOP_SAFARI.replace("10_15_7", "14_1");
    }

    private static String homeAddress(Random random, Person person) {
        return person.ipv6() ? person.home().ipv6() : pick(random, person.home().ipv4());
    }

    private static LabelledPlaces.City elsewhere(Random random, LabelledPlaces places, LabelledPlaces.City home) {
        List<LabelledPlaces.City> far = places.cities().stream().filter(c -> !c.continent().equals(home.continent())).toList();
        return far.get(random.nextInt(far.size()));
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
