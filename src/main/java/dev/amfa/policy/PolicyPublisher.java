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
    PolicyPublisher NONE = (sources, change) -> 0;

    /**
     * @param change {@link #UPLOAD} or {@link #ROLLBACK}
     * @return the change's place in the order of every change the cluster made (0 when nothing is shared)
     * @throws PolicyNotSharedException when the change could not be kept: it is then not activated either
     */
    long publish(PolicySources sources, String change);

    final class PolicyNotSharedException extends RuntimeException {
        public PolicyNotSharedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
