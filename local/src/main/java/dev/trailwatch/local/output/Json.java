package dev.trailwatch.local.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

/** The mapper for what the runner writes: compact lines, numbers kept exactly as stored. */
public final class Json {

    private Json() {
    }

    public static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder()
                // The payloads were written by the core under its own limits; these only bound a corrupt item.
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(1000)
                        .maxStringLength(64 * 1024 * 1024)
                        .build())
                .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
    }
}
