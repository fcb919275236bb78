package dev.amfa.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.amfa.evaluation.InputLimits;
import dev.amfa.evaluation.InvalidInputException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a request body as one JSON object, strictly, or explains in an {@link InvalidInputException} why it is
 * not: UTF-8 only (RFC 8259), no byte order mark, no comments, no duplicate keys (with the last one winning, an
 * "org" checked by one reader could be another org to the next), at most {@link InputLimits#BODY_DEPTH} levels,
 * every string and key as {@link InputLimits#text} allows, numbers finite. Every endpoint's body comes here.
 */
final class JsonBodies {
    /** Jackson's own defaults allow no comments either; Vert.x's shared codec allows them. */
    private static final JsonFactory STRICT = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(InputLimits.BODY_DEPTH + 1).build())
            .build();

    private JsonBodies() {
    }

    static JsonObject object(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) throw new InvalidInputException(null, "the body must be a JSON object");
        return object(body.getBytes());
    }

    static JsonObject object(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(null, "the body is not UTF-8");
        }
        if (text.startsWith("\uFEFF")) throw new InvalidInputException(null, "the body must not start with a byte order mark");
        Object parsed;
        try (JsonParser parser = STRICT.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) throw new InvalidInputException(null, "the body must be a JSON object");
            parsed = value(parser, "", 1);
            if (parser.nextToken() != null) throw new InvalidInputException(null, "the body must hold one JSON object and nothing after it");
        } catch (IOException e) {
            // Jackson's message quotes the input: the caller gets where, not what.
            throw new InvalidInputException(null, "the body is not valid JSON (line " + lineOf(e) + ")");
        }
        return (JsonObject) parsed;
    }

    /** The value at the parser's current token; {@code path} names it in errors ("" for the body itself). */
    private static Object value(JsonParser parser, String path, int depth) throws IOException {
        JsonToken token = parser.currentToken();
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth > InputLimits.BODY_DEPTH) {
            throw new InvalidInputException(path.isEmpty() ? null : path,
                    "nests too deep: a body may have at most " + InputLimits.BODY_DEPTH + " levels of objects and arrays");
        }
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String child = path.isEmpty() ? name : path + "." + name;
                    InputLimits.text(child, name);
                    if (map.containsKey(name)) throw new InvalidInputException(child, "appears twice: each key once");
                    parser.nextToken();
                    map.put(name, value(parser, child, depth + 1));
                }
                return new JsonObject(map);
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) list.add(value(parser, path + "[" + list.size() + "]", depth + 1));
                return new JsonArray(list);
            }
            case VALUE_STRING -> {
                return InputLimits.text(path, parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return parser.getNumberValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                double number = parser.getDoubleValue();
                if (!Double.isFinite(number)) throw new InvalidInputException(path, "must be a finite number");
                return number;
            }
            case VALUE_TRUE -> {
                return true;
            }
            case VALUE_FALSE -> {
                return false;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new InvalidInputException(path.isEmpty() ? null : path, "is not a JSON value");
        }
    }

    private static int lineOf(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null
                ? p.getLocation().getLineNr() : 1;
    }
}
