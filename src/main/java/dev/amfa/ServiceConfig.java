package dev.amfa;

import dev.amfa.callers.ApiKey;
import dev.amfa.challenges.ChallengeSettings;
import dev.amfa.decisions.DecisionLogSettings;
import dev.amfa.policy.SandboxSettings;
import dev.amfa.evaluation.RequestTime;
import dev.amfa.http.ConnectionLimits;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a service instance is configured with; built by the serve command from flags and environment
 * variables, and by tests directly.
 *
 * @param geoipCity      City databases, searched in order (the default download has one file per address family)
 * @param geoipAnonymous MaxMind Anonymous-IP database, or null for none
 * @param pgUrl          postgresql://user@host:port/database for the postgres store, else null
 * @param retention      how long login history and failures are kept in the database
 * @param adminToken     bearer token of /v1/admin; null disables the admin API
 * @param apiKeys        the calling services' keys and the orgs each may act for; empty: the caller API answers
 *                       this host only (loopback)
 * @param watch          reload rules/ and policies/ when their files change
 * @param echo           also serve POST /bench/echo, the benchmark's baseline
 * @param challenges     mail, result tokens, secret keys and the demo; null for the defaults
 * @param decisionLog    the decision log: SIEM copy, IP mode, bounds, retention; null for the defaults
 * @param sandbox        what org policies may spend and reach; null for the defaults
 * @param requestTime    how far a live evaluation's timestamp may be from the server's clock; null for the defaults
 * @param connections    connection caps and header, body and idle timeouts; null for the defaults
 */
public record ServiceConfig(
        String host,
        int port,
        Path rulesDir,
        Path policiesDir,
        Path ipListsDir,
        List<Path> geoipCity,
        Path geoipAnonymous,
        String store,
        String pgUrl,
        int bodyLimit,
        int eventLoops,
        Duration outcomeRetention,
        Duration retention,
        String adminToken,
        List<ApiKey> apiKeys,
        boolean watch,
        boolean echo,
        ChallengeSettings challenges,
        DecisionLogSettings decisionLog,
        SandboxSettings sandbox,
        RequestTime requestTime,
        ConnectionLimits connections) {

    public ServiceConfig {
        sandbox = sandbox == null ? SandboxSettings.DEFAULTS : sandbox;
        requestTime = requestTime == null ? RequestTime.DEFAULTS : requestTime;
        connections = connections == null ? ConnectionLimits.defaults() : connections;
        challenges = challenges == null ? ChallengeSettings.defaults() : challenges;
        decisionLog = decisionLog == null ? DecisionLogSettings.DEFAULTS : decisionLog;
        geoipCity = List.copyOf(geoipCity);
        apiKeys = List.copyOf(apiKeys);
        for (ApiKey key : apiKeys) {
            // One secret would be both: the key would open the admin API, or the admin act as that service.
            if (key.secret().equals(adminToken)) {
                throw new IllegalArgumentException("--api-keys: '" + key.name() + "' has the admin token as its key");
            }
        }
    }

    public ServiceConfig withAuth(String newAdminToken, List<ApiKey> newApiKeys) {
        return new ServiceConfig(host, port, rulesDir, policiesDir, ipListsDir, geoipCity, geoipAnonymous, store, pgUrl,
                bodyLimit, eventLoops, outcomeRetention, retention, newAdminToken, newApiKeys, watch, echo, challenges,
                decisionLog, sandbox, requestTime, connections);
    }

    public ServiceConfig withStore(String newStore, String newPgUrl) {
        return new ServiceConfig(host, port, rulesDir, policiesDir, ipListsDir, geoipCity, geoipAnonymous, newStore,
                newPgUrl, bodyLimit, eventLoops, outcomeRetention, retention, adminToken, apiKeys, watch, echo, challenges,
                decisionLog, sandbox, requestTime, connections);
    }

    public ServiceConfig withPolicies(Path newRulesDir, Path newPoliciesDir, boolean newWatch) {
        return new ServiceConfig(host, port, newRulesDir, newPoliciesDir, ipListsDir, geoipCity, geoipAnonymous,
                store, pgUrl, bodyLimit, eventLoops, outcomeRetention, retention, adminToken, apiKeys, newWatch, echo,
                challenges, decisionLog, sandbox, requestTime, connections);
    }

    public ServiceConfig withChallenges(ChallengeSettings newChallenges) {
        return new ServiceConfig(host, port, rulesDir, policiesDir, ipListsDir, geoipCity, geoipAnonymous, store, pgUrl,
                bodyLimit, eventLoops, outcomeRetention, retention, adminToken, apiKeys, watch, echo, newChallenges,
                decisionLog, sandbox, requestTime, connections);
    }

    public ServiceConfig withDecisionLog(DecisionLogSettings settings) {
        return new ServiceConfig(host, port, rulesDir, policiesDir, ipListsDir, geoipCity, geoipAnonymous, store, pgUrl,
                bodyLimit, eventLoops, outcomeRetention, retention, adminToken, apiKeys, watch, echo, challenges, settings,
                sandbox, requestTime, connections);
    }

    public ServiceConfig withSandbox(SandboxSettings settings) {
        return new ServiceConfig(host, port, rulesDir, policiesDir, ipListsDir, geoipCity, geoipAnonymous, store, pgUrl,
                bodyLimit, eventLoops, outcomeRetention, retention, adminToken, apiKeys, watch, echo, challenges,
                decisionLog, settings, requestTime, connections);
    }

    public ServiceConfig withRequestTime(RequestTime newRequestTime) {
        return new ServiceConfig(host, port, rulesDir, policiesDir, ipListsDir, geoipCity, geoipAnonymous, store, pgUrl,
                bodyLimit, eventLoops, outcomeRetention, retention, adminToken, apiKeys, watch, echo, challenges,
                decisionLog, sandbox, newRequestTime, connections);
    }

    public ServiceConfig withConnections(ConnectionLimits newConnections) {
        return new ServiceConfig(host, port, rulesDir, policiesDir, ipListsDir, geoipCity, geoipAnonymous, store, pgUrl,
                bodyLimit, eventLoops, outcomeRetention, retention, adminToken, apiKeys, watch, echo, challenges,
                decisionLog, sandbox, requestTime, newConnections);
    }

    @Override
    public String toString() {
        // Never print secrets in logs.
        return "ServiceConfig[" + host + ":" + port + ", rules " + rulesDir + ", policies " + policiesDir
                + ", store " + store + (pgUrl == null ? "" : " " + pgUrl.replaceAll(":[^:@/]*@", ":***@")) + ", admin " + (adminToken == null ? "disabled" : "enabled")
                + ", api keys " + apiKeys + ", " + challenges + ", " + decisionLog + ", " + requestTime + ", " + connections + "]";
    }
}
