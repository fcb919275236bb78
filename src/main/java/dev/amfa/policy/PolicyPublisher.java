package dev.amfa.policy;

/**
 * Where the registry keeps a change made through the API before activating it, so that every node runs it
 * and a restart does not forget it. Called on the registry's worker thread, under its lock: it may block.
 */
@FunctionalInterface
public interface PolicyPublisher {
    String UPLOAD = "upload";
    String ROLLBACK = "rollback";
    /** A single node keeps nothing. */
    PolicyPublisher NONE = (sources, change) -> { };

    /**
     * @param change {@link #UPLOAD} or {@link #ROLLBACK}
     * @throws PolicyNotSharedException when the change could not be kept: it is then not activated either
     */
    void publish(PolicySources sources, String change);

    final class PolicyNotSharedException extends RuntimeException {
        public PolicyNotSharedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
