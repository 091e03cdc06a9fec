package dev.trailwatch.lambda.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A person's request to read given objects again: {@code {"objects":[{"bucket":"…","key":"…"},…]}}. Keys are
 * taken as written, not URL-decoded: a person types the key as S3 shows it.
 */
public record BackfillRequest(List<S3ObjectRef> objects) {

    public BackfillRequest {
        objects = List.copyOf(objects);
    }

    public static boolean looksLikeOne(JsonNode payload) {
        return payload != null && payload.isObject() && payload.has("objects");
    }

    /** @throws IllegalArgumentException naming the first entry that is not a bucket and a key */
    public static BackfillRequest fromJson(JsonNode payload) {
        JsonNode objects = payload.get("objects");
        if (objects == null || !objects.isArray() || objects.isEmpty()) {
            throw new IllegalArgumentException("\"objects\" must be a non-empty array of {\"bucket\":…,\"key\":…}");
        }
        List<S3ObjectRef> refs = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            JsonNode entry = objects.get(i);
            refs.add(new S3ObjectRef(field(entry, i, "bucket"), field(entry, i, "key")));
        }
        return new BackfillRequest(refs);
    }

    private static String field(JsonNode entry, int index, String name) {
        JsonNode value = entry.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("objects[" + index + "]." + name + " is missing or not a string");
        }
        return value.asText();
    }
}
