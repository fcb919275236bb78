package dev.amfa.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Label values first come, first kept, up to a bound; later ones are "other". A caller that invents a new
 * value per request then costs one series, not one per request.
 */
final class BoundedLabels {
    static final String OTHER = "other";

    private final int max;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    BoundedLabels(int max) {
        this.max = max;
    }

    String label(String value) {
        if (seen.contains(value)) return value;
        if (seen.size() >= max) return OTHER;
        seen.add(value);
        return value;
    }
}
