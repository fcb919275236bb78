package dev.amfa.engine;

import io.vertx.core.json.JsonObject;

/** Where a DRL file fails to compile; line and column are 0 when Drools does not know them. */
public record CompileError(String file, int line, int column, String message) {

    public JsonObject toJson() {
        return new JsonObject().put("file", file).put("line", line).put("column", column).put("message", message);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
