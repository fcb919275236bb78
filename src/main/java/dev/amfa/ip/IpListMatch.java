package dev.amfa.ip;

/**
 * Why an address matched a list, for the assessment's details.
 *
 * @param list     the list's name: its file name without extension ({@code firehol_level1})
 * @param network  the matching network in canonical CIDR ({@code 1.10.16.0/20})
 * @param category the list's category ({@code abuse}, {@code unroutable}, ... or {@code allow})
 */
public record IpListMatch(String list, String network, String category) {}
