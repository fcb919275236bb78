package dev.amfa.challenges;

/** A challenge request the service turns down: the HTTP status and the API error it answers with. */
public final class ChallengeRefused extends RuntimeException {
    private final int status;
    private final String error;
    private final String field;

    public ChallengeRefused(int status, String error, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.field = field;
    }

    static ChallengeRefused notFound(String what) {
        return new ChallengeRefused(404, "not_found", "id", what);
    }

    static ChallengeRefused tooMany(String message) {
        return new ChallengeRefused(429, "too_many_requests", null, message);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String field() {
        return field;
    }
}
