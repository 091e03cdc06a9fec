package dev.trailwatch.core.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one ObjectMapper configuration for reading trail files: bounded, and strict where ambiguity could hide a call. */
public final class JsonSupport {

    /** Deeper than any real CloudTrail payload (policy documents nest about ten levels). */
    static final int MAX_NESTING_DEPTH = 200;
    /** CloudTrail numbers are counts and sizes; a longer number is hostile input. */
    static final int MAX_NUMBER_LENGTH = 100;
    static final int MAX_STRING_LENGTH = 16 * 1024 * 1024;

    private JsonSupport() {
    }

    public static ObjectMapper trailMapper(long maxDocumentBytes) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxDocumentLength(maxDocumentBytes)
                        .build())
                .build();
        return JsonMapper.builder(factory)
                // Two values for one key in a record could hide a call from one reader and not another.
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .build();
    }
}
