package dev.amfa.facts;

import java.util.List;

/** The classes rules match on: one place for the lint, the docs test and anyone wondering what a rule sees. */
public final class FactTypes {
    /** Inserted into every evaluation's session (Risk by the baseline's "Combine the signals"). */
    public static final List<Class<?>> INSERTED = List.of(
            LoginContext.class, User.class, Device.class, Geo.class, Org.class, Assessment.class, Risk.class);
    /** Not inserted: matched {@code from} the fact that holds it, {@code Transaction(...) from $tx}. */
    public static final List<Class<?>> NESTED = List.of(Transaction.class);
    /** Never matched, but named by rules: the {@code decision} global and the values facts hold or helpers take. */
    public static final List<Class<?>> VALUES = List.of(
            Decision.class, Action.class, BusinessHours.class, Confidence.class, Factor.class);

    private FactTypes() {
    }

    /** Every class a rule may name (the sandbox's allow-list of types): INSERTED, NESTED and VALUES. */
    public static List<Class<?>> named() {
        return java.util.stream.Stream.of(INSERTED, NESTED, VALUES).flatMap(List::stream).toList();
    }

    /** INSERTED then NESTED. */
    public static List<Class<?>> all() {
        return java.util.stream.Stream.concat(INSERTED.stream(), NESTED.stream()).toList();
    }
}
