package dev.amfa.policy.lint;

/**
 * One thing {@code amfa check} found in a policy that the compiler does not say (or says obscurely). An
 * error blocks activation like a compile error; a warning is reported and the policy is activated.
 *
 * @param file "&lt;org&gt;/&lt;path&gt;", as compile errors name it
 * @param line 1-based, 0 when the finding is about the policy as a whole
 */
public record LintFinding(Severity severity, String file, int line, String message) {
    public enum Severity { ERROR, WARNING }

    /** As the admin API reports it, like a compile error: file, line, message. */
    public io.vertx.core.json.JsonObject toJson() {
        return new io.vertx.core.json.JsonObject().put("file", file).put("line", line).put("message", message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** "bank/geo.drl:12: ..." as compile errors read. */
    public String location() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }

    @Override
    public String toString() {
        return (isError() ? "ERROR " : "WARN  ") + location();
    }
}
