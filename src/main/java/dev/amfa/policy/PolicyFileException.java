package dev.amfa.policy;

/** A policy file (settings or test case) that cannot be read: names the file, the field and why. */
public final class PolicyFileException extends Exception {
    private final String file;
    private final String field;

    public PolicyFileException(String file, String field, String message) {
        super(file + (field == null ? "" : " (" + field + ")") + ": " + message);
        this.file = file;
        this.field = field;
    }

    public String file() {
        return file;
    }

    public String field() {
        return field;
    }
}
