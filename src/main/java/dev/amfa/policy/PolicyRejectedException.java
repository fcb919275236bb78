package dev.amfa.policy;

import dev.amfa.engine.CompileError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A candidate policy that must not be activated: files that do not compile or parse, or tests that fail. */
public final class PolicyRejectedException extends Exception {
    private final String org;
    private final List<CompileError> errors;
    private final List<PolicyTestResult> failedTests;

    public PolicyRejectedException(String org, List<CompileError> errors, List<PolicyTestResult> failedTests) {
        super("policy " + org + " rejected:\n  " + Stream.concat(errors.stream().map(CompileError::toString),
                failedTests.stream().map(PolicyTestResult::toString)).collect(Collectors.joining("\n  ")));
        this.org = org;
        this.errors = List.copyOf(errors);
        this.failedTests = List.copyOf(failedTests);
    }

    public String org() {
        return org;
    }

    public List<CompileError> errors() {
        return errors;
    }

    public List<PolicyTestResult> failedTests() {
        return failedTests;
    }

    public JsonObject toJson() {
        JsonArray errorsJson = new JsonArray();
        errors.forEach(e -> errorsJson.add(e.toJson()));
        JsonArray testsJson = new JsonArray();
        failedTests.forEach(t -> testsJson.add(t.toJson()));
        return new JsonObject().put("org", org).put("errors", errorsJson).put("failed_tests", testsJson);
    }
}
