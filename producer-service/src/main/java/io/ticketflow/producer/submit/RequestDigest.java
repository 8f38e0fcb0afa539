package io.ticketflow.producer.submit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 (hex) of a submission in canonical form: the request as parsed, written with sorted keys and without
 * absent fields, so that whitespace, field order and ignored fields do not tell two requests apart. The digest is
 * stored with the ticket and compared by later instances: its form must not follow the application's JSON settings.
 */
@ApplicationScoped
public class RequestDigest {

    private final ObjectMapper canonical = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    public String of(SubmitRequest request) {
        // As plain maps, nested objects of the payload get their keys sorted too.
        Object plain = canonical.convertValue(request, Object.class);
        try {
            return HexFormat.of().formatHex(sha256().digest(canonical.writeValueAsBytes(plain)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A parsed request must always serialize", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
