package dev.amfa.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A rule set that did not compile; it is never activated. */
public final class RuleCompilationException extends Exception {
    private final List<CompileError> errors;

    public RuleCompilationException(String ruleSet, List<CompileError> errors) {
        super("rule set '" + ruleSet + "' does not compile:\n  "
                + errors.stream().map(CompileError::toString).collect(Collectors.joining("\n  ")));
        this.errors = List.copyOf(errors);
    }

    public List<CompileError> errors() {
        return errors;
    }
}
