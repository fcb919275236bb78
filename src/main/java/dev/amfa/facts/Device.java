package dev.amfa.facts;

/** The device the login comes from: the caller's device cookie and fingerprint, and the parsed user agent. */
public final class Device {
    private final String id;
    private final String fingerprint;
    private final String userAgent;
    private final String browserFamily;
    private final String osFamily;

    public Device(String id, String fingerprint, String userAgent, String browserFamily, String osFamily) {
        this.id = id;
        this.fingerprint = fingerprint;
        this.userAgent = userAgent;
        this.browserFamily = browserFamily;
        this.osFamily = osFamily;
    }

    public String getId() { return id; }
    public String getFingerprint() { return fingerprint; }
    public String getUserAgent() { return userAgent; }
    public String getBrowserFamily() { return browserFamily; }
    public String getOsFamily() { return osFamily; }

    /**
     * The identity device history is kept under: the cookie when there is one, else the fingerprint. The
     * fingerprint is kept beside it ({@code KnownDevice.fingerprint}), so a device is also recognised by it.
     */
    @Helper("no arguments: `Device(key() != null)`")
    public String key() {
        if (id != null) return DeviceKeys.ID + id;
        if (fingerprint != null) return DeviceKeys.FINGERPRINT + fingerprint;
        return null;
    }

    @Override
    public String toString() {
        return "Device(" + key() + ", " + browserFamily + " on " + osFamily + ")";
    }
}
