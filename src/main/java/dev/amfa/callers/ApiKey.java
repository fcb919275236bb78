package dev.amfa.callers;

import dev.amfa.engine.OrgName;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One calling service's API key and the orgs it may act for. Configured as
 * {@code name@org[+org...]=secret}, or {@code name@*=secret} for every org, comma-separated
 * (--api-keys / AMFA_API_KEYS). A key that names no org is refused at start: before orgs were bound, every
 * key acted for every org, and silently keeping that meaning would keep the hole.
 *
 * @param orgs the orgs; null for every org ({@code @*})
 */
public record ApiKey(String name, String secret, Set<String> orgs) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    static final String SYNTAX = "name@org[+org...]=key, or name@*=key for every org";

    public ApiKey {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("--api-keys: the name '" + name + "' must be letters, digits, '.', '_' "
                    + "or '-', at most 64 characters");
        }
        if (Caller.RESERVED_NAMES.contains(name)) {
            throw new IllegalArgumentException("--api-keys: the name '" + name + "' is reserved (" + Caller.RESERVED_NAMES + ")");
        }
        if (secret.isBlank()) throw new IllegalArgumentException("--api-keys: the key of '" + name + "' is empty");
        if (orgs != null) {
            if (orgs.isEmpty()) throw new IllegalArgumentException("--api-keys: '" + name + "' names no org (" + SYNTAX + ")");
            for (String org : orgs) {
                if (!OrgName.isValid(org)) {
                    throw new IllegalArgumentException("--api-keys: '" + name + "' names the org '" + org + "', which is not "
                            + "an org name (" + OrgName.rule() + ")");
                }
            }
            orgs = Set.copyOf(orgs);
        }
    }

    /** A key for the given orgs (tests and configuration code). */
    public static ApiKey of(String name, String secret, String... orgs) {
        return new ApiKey(name, secret, Set.of(orgs));
    }

    public Caller caller() {
        return Caller.service(name, orgs);
    }

    /**
     * Parses the --api-keys value; blank parts are skipped.
     *
     * @throws IllegalArgumentException naming the bad entry (its key left out) and the expected syntax
     */
    public static List<ApiKey> parse(String text) {
        List<ApiKey> keys = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) continue;
            int equals = entry.indexOf('=');
            // Never echo a key: only what comes before the '='.
            String head = (equals < 0 ? "" : entry.substring(0, equals)).strip();
            if (equals <= 0 || entry.substring(equals + 1).isBlank()) {
                throw new IllegalArgumentException("--api-keys: expected " + SYNTAX + ", got '"
                        + (equals < 0 ? "(no '=')" : head + "=...") + "'");
            }
            int at = head.indexOf('@');
            if (at < 0) {
                throw new IllegalArgumentException("--api-keys: '" + head + "' names no org: write " + head
                        + "@<org>[+<org>...]=<key>, or " + head + "@*=<key> to let it act for every org");
            }
            String name = head.substring(0, at).strip();
            String orgList = head.substring(at + 1).strip();
            Set<String> orgs = null;
            if (!orgList.equals("*")) {
                orgs = new LinkedHashSet<>();
                for (String org : orgList.split("\\+", -1)) orgs.add(org.strip());
            }
            ApiKey key = new ApiKey(name, entry.substring(equals + 1).strip(), orgs);
            if (!names.add(key.name())) throw new IllegalArgumentException("--api-keys: the name '" + name + "' is given twice");
            if (!secrets.add(key.secret())) {
                throw new IllegalArgumentException("--api-keys: '" + name + "' has the same key as another service: "
                        + "each service needs its own, or what one creates is the other's too");
            }
            keys.add(key);
        }
        return List.copyOf(keys);
    }

    @Override
    public String toString() {
        // Never print the secret.
        return caller().toString();
    }
}
