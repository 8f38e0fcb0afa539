package io.ticketflow.contract;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Finds the first place in a JSON value that a check refuses, and says where it is. */
public final class JsonSearch {

    private JsonSearch() {
    }

    /**
     * @param root  the JSON to search (may be {@code null})
     * @param where the name of {@code root} in the returned path, such as {@code payload}
     * @param value refuses a value (every node is offered, containers included)
     * @param name  refuses a field name
     * @return the path of the first refused value, such as {@code payload.items[2]}, or of the object whose field
     *         name is refused followed by {@code (a field name)}; empty when nothing is refused
     */
    public static Optional<String> find(JsonNode root, String where, Predicate<JsonNode> value, Predicate<String> name) {
        if (root == null) {
            return Optional.empty();
        }
        if (value.test(root)) {
            return Optional.of(where);
        }
        if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                Optional<String> found = find(root.get(i), where + "[" + i + "]", value, name);
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (root.isObject()) {
            for (Map.Entry<String, JsonNode> field : root.properties()) {
                if (name.test(field.getKey())) {
                    return Optional.of(where.isEmpty() ? "(a field name)" : where + " (a field name)");
                }
                String path = where.isEmpty() ? field.getKey() : where + "." + field.getKey();
                Optional<String> found = find(field.getValue(), path, value, name);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
