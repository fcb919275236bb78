package dev.amfa.store;

/** Failed logins seen from one IP within a window, and over how many distinct users they were spread. */
public record IpVelocity(int failures, int distinctUsers) {
    public static final IpVelocity NONE = new IpVelocity(0, 0);
}
