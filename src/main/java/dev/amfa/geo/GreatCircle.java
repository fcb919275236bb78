package dev.amfa.geo;

/** Great-circle distance on a spherical Earth; plenty for telling a commute from a flight. */
public final class GreatCircle {

    /** IUGG mean Earth radius. */
    private static final double EARTH_RADIUS_KM = 6371.0088;

    private GreatCircle() {
    }

    /** Haversine distance in kilometres between two points given in decimal degrees. */
    public static double km(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double sinHalfDeltaPhi = Math.sin(Math.toRadians(lat2 - lat1) / 2);
        double sinHalfDeltaLambda = Math.sin(Math.toRadians(lon2 - lon1) / 2);
        double h = sinHalfDeltaPhi * sinHalfDeltaPhi
                + Math.cos(phi1) * Math.cos(phi2) * sinHalfDeltaLambda * sinHalfDeltaLambda;
        // Rounding can push h a hair above 1 for antipodal points, and asin would answer NaN.
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(h)));
    }
}
