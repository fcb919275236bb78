package dev.amfa.store;

import dev.amfa.policy.PolicySources;
import io.vertx.core.Future;

import java.util.List;

/**
 * Policies changed through the API, kept where every node (and this one after a restart) finds them.
 * Policies on disk are not here: each node reads its own policies/ folder.
 */
public interface PolicyStore {

    /**
     * Stores a version this node has built and tested; completes once it is durable.
     *
     * @param change {@link dev.amfa.policy.PolicyPublisher#UPLOAD} or {@link dev.amfa.policy.PolicyPublisher#ROLLBACK}
     */
    Future<Long> publish(PolicySources sources, String change);

    /** Every version stored after {@code seq}, oldest first. */
    Future<List<SharedPolicy>> since(long seq);

    /** A single node with nothing to share: publishing keeps nothing, and there is never anything to catch up on. */
    static PolicyStore none() {
        return new PolicyStore() {
            @Override
            public Future<Long> publish(PolicySources sources, String change) {
                return Future.succeededFuture(0L);
            }

            @Override
            public Future<List<SharedPolicy>> since(long seq) {
                return Future.succeededFuture(List.of());
            }
        };
    }
}
