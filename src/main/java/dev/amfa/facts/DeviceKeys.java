package dev.amfa.facts;

/**
 * How {@link Device#key()} marks what a device is known by. Kept out of {@link Device}, whose public members are
 * the rules' vocabulary.
 */
public final class DeviceKeys {
    /** A device known by its cookie. */
    public static final String ID = "id:";
    /** A device known only by its fingerprint. */
    public static final String FINGERPRINT = "fp:";

    private DeviceKeys() {
    }
}
