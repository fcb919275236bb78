package dev.amfa.store;

import dev.amfa.policy.PolicySources;

import java.time.Instant;

/**
 * One policy version as the cluster stored it.
 *
 * @param seq    its place in the order of every change, across orgs and nodes
 * @param change "upload" or "rollback"
 * @param node   the node that accepted it
 */
public record SharedPolicy(long seq, PolicySources sources, String change, String node, Instant at) {
}
