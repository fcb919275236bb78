package dev.amfa.facts;

/**
 * The combined verdict of all signals, inserted by the baseline's combination rule once every signal has
 * been weighed; factor-selection rules and org policies match on it.
 */
public final class Risk {
    private final Confidence confidence;
    private final double score;

    public Risk(Confidence confidence, double score) {
        this.confidence = confidence;
        this.score = score;
    }

    public Confidence getConfidence() { return confidence; }

    /** 0 (no risk seen) to 1. */
    public double getScore() { return score; }

    @Override
    public String toString() {
        return "Risk(" + confidence.json() + ", score " + String.format(java.util.Locale.ROOT, "%.3f", score) + ")";
    }
}
