package dev.amfa.feedback;

import dev.amfa.TestService;
import dev.amfa.geo.Place;
import dev.amfa.store.HistoryPart;
import dev.amfa.store.KnownDevice;
import dev.amfa.store.KnownLogin;
import dev.amfa.store.Stores;
import dev.amfa.store.UserHistory;
import dev.amfa.store.postgres.PgSchema;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** forgetLogin, clear and clearUser behave alike in memory and in the real PostgreSQL. */
class ForgettingStoresTest {
    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private static final Place LONDON = new Place("GB", "England", "London", 51.5142, -0.0931, 10, "Europe/London");
    private static final Place PARIS = new Place("FR", null, "Paris", 48.85, 2.35, 20, null);
    private static Vertx vertx;
    private static PgSchema schema;
    private static Stores postgres;

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        schema = new PgSchema(vertx);
        postgres = TestService.await(Stores.postgres(vertx, schema.options(), Duration.ofHours(1)));
    }

    @AfterAll
    static void close() {
        TestService.await(postgres.close());
        schema.close();
        TestService.await(vertx.close());
    }

    private static Stores stores(String kind) {
        return kind.equals("postgres") ? postgres : Stores.memory(Duration.ofHours(1));
    }

    /** Two good logins (laptop in London, phone in Paris) and one failure from 192.0.2.7. */
    private static void history(Stores stores, String user) {
        TestService.await(stores.users().rememberSuccess("acme", user, T, new KnownDevice("id:laptop", null, "Chrome", "Windows", T),
                new KnownLogin(LONDON, T)));
        Instant later = T.plusSeconds(3600);
        TestService.await(stores.users().rememberSuccess("acme", user, later, new KnownDevice("id:phone", null, "Safari", "iOS", later),
                new KnownLogin(PARIS, later)));
        TestService.await(stores.users().recordFailure("acme", user, T.plusSeconds(60)));
        TestService.await(stores.velocity().recordFailure("192.0.2.7", "acme/" + user, T.plusSeconds(60)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "postgres"})
    void forgettingALoginKeepsTheOtherDevicesAndPlaces(String kind) {
        Stores stores = stores(kind);
        history(stores, "f-" + kind);
        TestService.await(stores.users().forgetLogin("acme", "f-" + kind, "id:phone", T.plusSeconds(3600)));
        UserHistory left = TestService.await(stores.users().load("acme", "f-" + kind));
        assertEquals(List.of("id:laptop"), left.devices().stream().map(KnownDevice::key).toList());
        assertEquals(List.of("London"), left.logins().stream().map(l -> l.place().city()).toList());
        assertEquals(1, left.failures().size());
        assertTrue(!left.neverSeen());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "postgres"})
    void clearingPartsForgetsOnlyThose(String kind) {
        Stores stores = stores(kind);
        String user = "c-" + kind;
        history(stores, user);
        TestService.await(stores.users().clear("acme", user, EnumSet.of(HistoryPart.FAILURES)));
        TestService.await(stores.velocity().clearUser("acme/" + user));
        UserHistory left = TestService.await(stores.users().load("acme", user));
        assertEquals(0, left.failures().size());
        assertEquals(2, left.devices().size());
        assertEquals(0, TestService.await(stores.velocity().failuresFrom("192.0.2.7", T)).failures());

        TestService.await(stores.users().clear("acme", user, EnumSet.of(HistoryPart.DEVICES, HistoryPart.PLACES)));
        assertTrue(TestService.await(stores.users().load("acme", user)).neverSeen(), "devices and places gone: a new user");
    }
}
