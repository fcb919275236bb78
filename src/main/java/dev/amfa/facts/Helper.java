package dev.amfa.facts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method rules may call inside a pattern, e.g. {@code Org(withinBusinessHours($at))}, with what its
 * arguments are in an author's words. {@code amfa check} quotes it when a rule calls the helper with the
 * wrong arguments, and docs/fact-model.md must list every helper (FactModelDocTest).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Helper {
    /** What to pass, with an example pattern: "the login's time: `LoginContext($at : timestamp)` then ...". */
    String value();
}
