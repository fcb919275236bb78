package dev.amfa.store;

import dev.amfa.geo.Place;

import java.time.Instant;

/** Where and when a user completed a login. */
public record KnownLogin(Place place, Instant at) {
}
