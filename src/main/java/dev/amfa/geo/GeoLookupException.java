package dev.amfa.geo;

import java.net.InetAddress;
import java.nio.file.Path;

/**
 * A database lookup failed (corrupt file, closed reader), as opposed to the database not knowing
 * the address. Unchecked so that risk signals can catch it in one place and answer
 * "assessment not available" instead of treating the failure as "location unknown".
 */
public class GeoLookupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GeoLookupException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The message names the address and the file, which is what an operator needs to find the bad database. */
    public GeoLookupException(InetAddress ip, Path database, Throwable cause) {
        this("GeoIP lookup of " + ip.getHostAddress() + " in " + database + " failed: " + cause, cause);
    }
}
