package dev.amfa.geo.impl;

import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.AnonymousIpResponse;
import dev.amfa.geo.AnonymousIp;
import dev.amfa.geo.AnonymousIpLookup;
import dev.amfa.geo.GeoLookupException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A GeoIP2 Anonymous-IP database file. */
public final class MaxMindAnonymousIpLookup implements AnonymousIpLookup {

    private static final Logger log = LoggerFactory.getLogger(MaxMindAnonymousIpLookup.class);

    /** What DatabaseReader.tryAnonymousIp insists on; checked at open so a wrong file fails at startup, not per login. */
    private static final String DATABASE_TYPE = "GeoIP2-Anonymous-IP";

    private final Path file;
    private final DatabaseReader reader;

    private MaxMindAnonymousIpLookup(Path file, DatabaseReader reader) {
        this.file = file;
        this.reader = reader;
    }

    public static AnonymousIpLookup open(Path file) throws IOException {
        DatabaseReader reader = MmdbOpener.databaseReader(file);
        String type = reader.getMetadata().getDatabaseType();
        if (!type.contains(DATABASE_TYPE)) {
            reader.close();
            throw new IOException("GeoIP database " + file + " has type '" + type + "', expected " + DATABASE_TYPE);
        }
        log.info("Opened anonymous-IP database {} ({}), built {}", file, type,
                reader.getMetadata().getBuildDate().toInstant());
        return new MaxMindAnonymousIpLookup(file, reader);
    }

    @Override
    public Optional<AnonymousIp> lookup(InetAddress ip) {
        Objects.requireNonNull(ip, "ip");
        try {
            return reader.tryAnonymousIp(ip).flatMap(MaxMindAnonymousIpLookup::toAnonymousIp);
        } catch (IOException | GeoIp2Exception | RuntimeException e) {
            throw new GeoLookupException(ip, file, e);
        }
    }

    /** The database has records with no flag set (e.g. covering whole /4 gaps); those mean "clean". */
    private static Optional<AnonymousIp> toAnonymousIp(AnonymousIpResponse r) {
        if (!(r.isAnonymousVpn() || r.isTorExitNode() || r.isPublicProxy() || r.isResidentialProxy()
                || r.isHostingProvider())) {
            return Optional.empty();
        }
        return Optional.of(new AnonymousIp(r.isAnonymousVpn(), r.isTorExitNode(), r.isPublicProxy(),
                r.isResidentialProxy(), r.isHostingProvider()));
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    @Override
    public String toString() {
        return DATABASE_TYPE + " " + file;
    }
}
