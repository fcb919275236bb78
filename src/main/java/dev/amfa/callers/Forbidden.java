package dev.amfa.callers;

/** A request for an org the caller may not act for: answered 403 with the field that named the org. */
public final class Forbidden extends RuntimeException {
    private final String field;

    public Forbidden(String field, String org) {
        super("this API key may not act for org " + org, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
