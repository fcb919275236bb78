package dev.amfa.facts;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** The login being evaluated, as the auth service posted it. Exactly one per evaluation. */
public final class LoginContext {
    private final String evaluationId;
    private final String org;
    private final String flow;
    private final String application;
    private final String ip;
    private final Instant timestamp;
    private final Transaction transaction;
    private final List<String> mfaSessionFactors;

    public LoginContext(String evaluationId, String org, String flow, String application, String ip,
                        Instant timestamp, Transaction transaction, List<String> mfaSessionFactors) {
        this.evaluationId = evaluationId;
        this.org = org;
        this.flow = flow;
        this.application = application;
        this.ip = ip;
        this.timestamp = timestamp;
        this.transaction = transaction;
        this.mfaSessionFactors = List.copyOf(mfaSessionFactors);
    }

    public String getEvaluationId() { return evaluationId; }
    public String getOrg() { return org; }
    public String getFlow() { return flow; }
    public String getApplication() { return application; }
    public String getIp() { return ip; }
    public Instant getTimestamp() { return timestamp; }
    public Transaction getTransaction() { return transaction; }

    /**
     * Factors the user already passed in an earlier MFA session. The baseline never reads it: a previous MFA
     * must not bypass a risky login. It is here so an org's rules can make an informed exception.
     */
    public List<String> getMfaSessionFactors() { return mfaSessionFactors; }

    @Helper("no arguments: `LoginContext(hasTransaction())`")
    public boolean hasTransaction() {
        return transaction != null;
    }

    /** Hour of day (0-23) of the login in the given IANA time zone, e.g. {@code localHour("Europe/Berlin")}. */
    @Helper("an IANA time zone: `LoginContext(localHour(\"Europe/Berlin\") < 7)`; for the org's own zone use `Org(localHour($at))`")
    public int localHour(String timeZone) {
        return timestamp.atZone(ZoneId.of(timeZone)).getHour();
    }

    @Override
    public String toString() {
        return "LoginContext(" + org + ", " + flow + ", " + ip + " at " + timestamp + ")";
    }
}
