package dev.amfa.store;

/** The answer to "may this evaluation's outcome be recorded now?": exactly one caller ever gets CLAIMED. */
public record OutcomeClaim(Status status, EvaluationRecord record) {
    public enum Status { CLAIMED, UNKNOWN, ALREADY_RECORDED }

    public static OutcomeClaim claimed(EvaluationRecord record) {
        return new OutcomeClaim(Status.CLAIMED, record);
    }

    public static final OutcomeClaim UNKNOWN = new OutcomeClaim(Status.UNKNOWN, null);
    public static final OutcomeClaim ALREADY_RECORDED = new OutcomeClaim(Status.ALREADY_RECORDED, null);
}
