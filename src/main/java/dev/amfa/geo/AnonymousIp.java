package dev.amfa.geo;

/**
 * What an Anonymous-IP database says about an address. At least one flag is always set: an address
 * the database has nothing against is represented by an empty lookup result, not by five falses.
 */
public record AnonymousIp(boolean anonymousVpn, boolean torExitNode, boolean publicProxy,
                          boolean residentialProxy, boolean hostingProvider) {

    public AnonymousIp {
        if (!(anonymousVpn || torExitNode || publicProxy || residentialProxy || hostingProvider)) {
            throw new IllegalArgumentException("an AnonymousIp needs at least one flag; use Optional.empty() for a clean address");
        }
    }

    /**
     * True when the address is a relay, so its geolocation says nothing about the user. Hosting alone
     * does not count: cloud desktops and corporate egress live there with a stable location.
     */
    public boolean hidesLocation() {
        return anonymousVpn || torExitNode || publicProxy || residentialProxy;
    }

    /** The most specific flag, for risk details: Tor says more about intent than "some datacenter". */
    public String kind() {
        if (torExitNode) {
            return "tor_exit_node";
        }
        if (anonymousVpn) {
            return "anonymous_vpn";
        }
        if (publicProxy) {
            return "public_proxy";
        }
        if (residentialProxy) {
            return "residential_proxy";
        }
        return "hosting_provider";
    }
}
