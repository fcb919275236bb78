package dev.amfa.http;

import dev.amfa.evaluation.InvalidInputException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.ext.web.RoutingContext;

/** Reads a request body as one JSON object, or explains in an {@link InvalidInputException} why it is not. */
final class JsonBodies {
    private JsonBodies() {
    }

    static JsonObject object(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) throw new InvalidInputException(null, "the body must be a JSON object");
        Object parsed;
        try {
            // Jackson's streaming parser straight into maps and lists (JacksonCodec): Json.CODEC, which
            // Buffer.toJsonValue uses, is DatabindCodec whenever jackson-databind is on the class path, and goes
            // through databind's untyped deserializer. Same values, same DecodeException on bad input.
            parsed = JacksonCodec.fromParser(JacksonCodec.createParser(body), Object.class);
        } catch (DecodeException e) {
            throw new InvalidInputException(null, "the body is not valid JSON");
        }
        if (!(parsed instanceof JsonObject object)) throw new InvalidInputException(null, "the body must be a JSON object");
        return object;
    }
}
