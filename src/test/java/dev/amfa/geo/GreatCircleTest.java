package dev.amfa.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GreatCircleTest {

    private static final double LONDON_LAT = 51.5074;
    private static final double LONDON_LON = -0.1278;
    private static final double SYDNEY_LAT = -33.8688;
    private static final double SYDNEY_LON = 151.2093;

    @Test
    void londonToSydney() {
        assertEquals(16_994, GreatCircle.km(LONDON_LAT, LONDON_LON, SYDNEY_LAT, SYDNEY_LON), 5);
    }

    @Test
    void isSymmetric() {
        assertEquals(GreatCircle.km(LONDON_LAT, LONDON_LON, SYDNEY_LAT, SYDNEY_LON),
                GreatCircle.km(SYDNEY_LAT, SYDNEY_LON, LONDON_LAT, LONDON_LON), 1e-9);
    }

    @Test
    void samePointIsZero() {
        assertEquals(0.0, GreatCircle.km(LONDON_LAT, LONDON_LON, LONDON_LAT, LONDON_LON), 0.0);
    }

    @Test
    void antipodesAreHalfTheCircumference() {
        assertEquals(Math.PI * 6371.0088, GreatCircle.km(0, 0, 0, 180), 1e-6);
        assertEquals(Math.PI * 6371.0088, GreatCircle.km(90, 0, -90, 0), 1e-6);
    }

    @Test
    void crossingTheAntimeridianTakesTheShortWay() {
        // One degree of longitude at the equator, not 359.
        assertEquals(111.2, GreatCircle.km(0, 179.5, 0, -179.5), 0.1);
    }
}
