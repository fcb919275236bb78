package dev.amfa.facts;

import java.util.List;
import java.util.Map;

/** The user trying to log in, as the auth service describes them, plus what the store knows of their recent failures. */
public final class User {
    private final String id;
    private final String email;
    private final List<String> roles;
    private final Map<String, Object> attributes;
    private final List<String> enrolledFactors;
    private final int recentFailures;

    public User(String id, String email, List<String> roles, Map<String, Object> attributes,
                List<String> enrolledFactors, int recentFailures) {
        this.id = id;
        this.email = email;
        this.roles = List.copyOf(roles);
        // JSON attributes may hold nulls, which Map.copyOf refuses.
        this.attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        this.enrolledFactors = List.copyOf(enrolledFactors);
        this.recentFailures = recentFailures;
    }

    public User withRecentFailures(int failures) {
        return new User(id, email, roles, attributes, enrolledFactors, failures);
    }

    public String getId() { return id; }
    public String getEmail() { return email; }
    public List<String> getRoles() { return roles; }
    public Map<String, Object> getAttributes() { return attributes; }
    public List<String> getEnrolledFactors() { return enrolledFactors; }

    /** Failed logins of this user inside the velocity window. */
    public int getRecentFailures() { return recentFailures; }

    @Helper("one role name: `User(hasRole(\"admin\"))`")
    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    @Helper("one attribute name: `User(attribute(\"department\") == \"finance\")`")
    public Object attribute(String name) {
        return attributes.get(name);
    }

    @Helper("one factor name: `User(hasEnrolled(\"otp\"))`")
    public boolean hasEnrolled(String factor) {
        return enrolledFactors.contains(factor);
    }

    @Helper("no arguments: `User(hasNoFactors())`")
    public boolean hasNoFactors() {
        return enrolledFactors.isEmpty();
    }

    @Override
    public String toString() {
        return "User(" + id + ", roles " + roles + ", factors " + enrolledFactors + ")";
    }
}
