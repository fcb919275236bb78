package dev.amfa.cluster;

import dev.amfa.policy.PolicyPublisher;
import dev.amfa.policy.PolicyRegistry;
import dev.amfa.status.StatusRegistry;
import dev.amfa.store.PolicyStore;
import dev.amfa.store.SharedPolicy;
import dev.amfa.store.postgres.PgPolicyStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this node's policies in step with the cluster's. A NOTIFY only says "something changed"; the node
 * then reads every version stored after the last one it applied, so a notification lost while disconnected
 * costs nothing: on every (re)subscription it catches up the same way.
 */
public final class PolicySync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PolicySync.class);
    /** How long an upload waits for the database to keep it before it is refused. */
    static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(5);
    /** Delay between attempts to get the subscription back. */
    static final Duration RECONNECT_EVERY = Duration.ofSeconds(1);
    static final String COMPONENT = "policy_sync";

    private final Vertx vertx;
    private final PolicyStore store;
    private final PolicyRegistry registry;
    private final StatusRegistry status;
    private final PgSubscriber subscriber;
    private long applied;
    private boolean catchingUp;
    private boolean again;

    private PolicySync(Vertx vertx, PolicyStore store, PolicyRegistry registry, StatusRegistry status, PgConnectOptions connect) {
        this.vertx = vertx;
        this.store = store;
        this.registry = registry;
        this.status = status;
        this.subscriber = PgSubscriber.subscriber(vertx, connect);
    }

    /** Blocks (call it off the event loop) until the store holds the change, so an acknowledged upload is never lost. */
    public static PolicyPublisher publisher(PolicyStore store) {
        return (sources, change) -> {
            try {
                return store.publish(sources, change).toCompletionStage().toCompletableFuture()
                        .get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new PolicyPublisher.PolicyNotSharedException("the policy store did not keep the "
                        + change + " of " + sources.org() + ": " + e, e);
            }
        };
    }

    /** Applies what the cluster runs now, then follows its changes. */
    public static Future<PolicySync> start(Vertx vertx, PolicyStore store, PolicyRegistry registry, StatusRegistry status,
                                           PgConnectOptions connect) {
        PolicySync sync = new PolicySync(vertx, store, registry, status, connect);
        sync.subscriber.reconnectPolicy(attempt -> {
            status.notReady(COMPONENT, "not subscribed to " + PgPolicyStore.CHANNEL + ": reconnecting (attempt " + attempt + ")");
            return RECONNECT_EVERY.toMillis();
        });
        sync.subscriber.channel(PgPolicyStore.CHANNEL)
                .subscribeHandler(subscribed -> {
                    status.ready(COMPONENT, "subscribed to " + PgPolicyStore.CHANNEL);
                    sync.catchUp();
                })
                .handler(seq -> sync.catchUp());
        return sync.catchUp().compose(done -> sync.subscriber.connect()).map(sync);
    }

    /** Reads and applies every version after the last applied; concurrent triggers fold into one more pass. */
    Future<Void> catchUp() {
        synchronized (this) {
            if (catchingUp) {
                again = true;
                return Future.succeededFuture();
            }
            catchingUp = true;
        }
        long from = applied();
        return store.since(from).compose(versions -> vertx.executeBlocking(() -> apply(versions), false))
                .onComplete(done -> {
                    if (done.failed()) LOG.warn("policy catch-up from {} failed: {}", from, done.cause().toString());
                    boolean more;
                    synchronized (this) {
                        if (done.succeeded()) applied = Math.max(applied, done.result());
                        catchingUp = false;
                        more = again;
                        again = false;
                    }
                    if (more) catchUp();
                })
                .mapEmpty();
    }

    /** Only each org's newest version matters: the ones before it were superseded. @return the last seq read */
    private long apply(List<SharedPolicy> versions) {
        Map<String, SharedPolicy> newest = new LinkedHashMap<>();
        long last = applied();
        for (SharedPolicy version : versions) {
            newest.put(version.sources().org(), version);
            last = Math.max(last, version.seq());
        }
        for (SharedPolicy version : newest.values()) {
            if (registry.adopt(version.sources(), version.seq())) {
                LOG.info("policy {} {} adopted from the cluster ({} on {})", version.sources().org(),
                        version.sources().version(), version.change(), version.node());
            }
        }
        return last;
    }

    synchronized long applied() {
        return applied;
    }

    @Override
    public void close() {
        subscriber.close();
    }
}
