package io.ticketflow.contract;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * Finds text that no UTF-8 can carry: a lone half of a surrogate pair, which JSON can only spell as an escape (a
 * backslash-u escape from D800 to DFFF). Jackson parses it into a Java string, but writing that string out again as
 * UTF-8 fails or garbles it, so a ticket holding one would be accepted and then break whatever reads its result.
 * Both services refuse such input where it comes in.
 */
public final class UnpairedSurrogates {

    private UnpairedSurrogates() {
    }

    /**
     * @param root  the JSON to search (may be {@code null})
     * @param where the name of {@code root} in the returned path, such as {@code payload}
     * @return the path of the first string value or field name with an unpaired surrogate, such as
     *         {@code payload.items[2]}, or empty when there is none
     */
    public static Optional<String> find(JsonNode root, String where) {
        return JsonSearch.find(root, where, node -> node.isTextual() && unpaired(node.textValue()),
                UnpairedSurrogates::unpaired);
    }

    /** Whether {@code text} has a high surrogate not followed by a low one, or a low one not preceded by a high one. */
    public static boolean unpaired(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
