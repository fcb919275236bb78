package dev.amfa.evaluation;

/** Input that breaks the API's contract: names the field (a JSON path such as "user.id") and the reason. */
public final class InvalidInputException extends RuntimeException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
