package dev.amfa.policy;

import dev.amfa.ip.Cidr;
import dev.amfa.ip.IpAddress;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Where an org's external risk service may be: not inside the service's own network unless the operator said so
 * (serve --external-risk-allow). Otherwise anyone who can upload a policy could make the service call its own
 * admin port, a cloud metadata endpoint or a database on the private network. Checked twice: on the URL when
 * the policy loads (an address or "localhost" written in it), and on every address its host name resolves to
 * before each connection (DNS can point a public-looking name anywhere, and change its answer later).
 */
public record ExternalRiskTargets(List<Cidr> allowed) {
    public static final ExternalRiskTargets NONE_INTERNAL = new ExternalRiskTargets(List.of());

    /** Loopback, private, link-local, CGNAT, multicast, unspecified, reserved; IPv4 and IPv6. */
    private static final List<Cidr> INTERNAL = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
            "::/96", "::1/128", "64:ff9b::/96", "64:ff9b:1::/48", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8")
            .stream().map(Cidr::parse).toList();

    public ExternalRiskTargets {
        allowed = List.copyOf(allowed);
    }

    /** Why the service may not connect to {@code address}, or null when it may. */
    public String refusal(InetAddress address) {
        for (Cidr network : allowed) if (network.contains(address)) return null;
        for (Cidr network : INTERNAL) {
            if (network.contains(address)) {
                return "is an internal address (" + network + "); serve --external-risk-allow admits internal networks";
            }
        }
        return null;
    }

    /** Why the URL cannot be used, judged without DNS: an address literal or a localhost name; or null. */
    public String refusal(URI url) {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return allowsLoopback() ? null : "names the local machine; serve --external-risk-allow admits internal networks";
        }
        InetAddress literal;
        try {
            literal = IpAddress.parse(host); // literals only, never DNS
        } catch (IllegalArgumentException e) {
            return null; // a name: judged by the addresses it resolves to, at each connection
        }
        return refusal(literal);
    }

    private boolean allowsLoopback() {
        return refusal(IpAddress.parse("127.0.0.1")) == null;
    }
}
