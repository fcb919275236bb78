package dev.amfa.geo;

import dev.amfa.geo.impl.MaxMindAnonymousIpLookup;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

/** VPN / Tor / proxy / hosting flags for an address. Implementations are thread-safe and meant to be shared. */
public interface AnonymousIpLookup extends Closeable {

    /**
     * @return the flags, or empty when the database has nothing against the address
     * @throws GeoLookupException when the database fails to answer
     */
    Optional<AnonymousIp> lookup(InetAddress ip);

    /**
     * Opens a GeoIP2 Anonymous-IP database, memory-mapped.
     *
     * @throws IOException naming the file when it is missing, corrupt or another kind of database
     */
    static AnonymousIpLookup open(Path file) throws IOException {
        return MaxMindAnonymousIpLookup.open(file);
    }

    /** For deployments without the (commercial) database: every address is clean. */
    static AnonymousIpLookup none() {
        return new AnonymousIpLookup() {
            @Override
            public Optional<AnonymousIp> lookup(InetAddress ip) {
                return Optional.empty();
            }

            @Override
            public void close() {
            }

            @Override
            public String toString() {
                return "no anonymous-IP database";
            }
        };
    }
}
