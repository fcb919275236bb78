package dev.amfa.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * /console: the Security Center's page, served from the jar (src/main/resources/console, chart.js vendored
 * under vendor/). The page itself is public; everything it shows comes from the admin API with the token the
 * analyst types in, kept in the tab's sessionStorage.
 */
public final class ConsoleRoutes {
    static final String ROOT = "console";
    /**
     * The page runs only its own scripts and talks only to this service: an injected script (say, in a user id
     * an attacker chose) could not run or send the admin token anywhere, even if some text escaped as HTML.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
            + "base-uri 'none'; form-action 'none'";

    private ConsoleRoutes() {
    }

    public static void mount(Router router) {
        // Vert.x matches /console/ to this route too: only the bare path is sent on to the folder.
        router.get("/console").handler(ctx -> {
            if (ctx.request().path().endsWith("/")) ctx.next();
            else ctx.redirect("/console/");
        });
        router.get("/console/*").handler(ctx -> {
            ctx.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                    .putHeader("X-Content-Type-Options", "nosniff").putHeader("Referrer-Policy", "no-referrer");
            ctx.next();
        }).handler(StaticHandler.create(ROOT).setCachingEnabled(false)
                .setIndexPage("index.html").setDefaultContentEncoding("UTF-8"));
    }
}
