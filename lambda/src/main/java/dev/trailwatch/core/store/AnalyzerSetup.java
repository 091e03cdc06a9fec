package dev.trailwatch.core.store;

import static dev.trailwatch.core.store.ItemAttributes.EVENT_NAME;
import static dev.trailwatch.core.store.ItemAttributes.EVENT_TIME;
import static dev.trailwatch.core.store.ItemAttributes.REQUEST_PARAMETERS;
import static dev.trailwatch.core.store.ItemAttributes.REQUEST_PARAMETERS_TRUNCATED;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.trailwatch.core.event.EventTimes;
import dev.trailwatch.core.read.JsonSupport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An analyzer's configuration as a stored call set it: the newest earlier successful CreateAnalyzer or
 * UpdateAnalyzer of the same analyzer, which an UpdateAnalyzer alert compares its own configuration with.
 *
 * @param eventName CreateAnalyzer or UpdateAnalyzer
 * @param eventTime when that call was made
 * @param requestParameters the call's request; null when the item holds it cut ({@code requestParametersTruncated})
 *     or not as JSON, so that what it set is unknown
 */
public record AnalyzerSetup(String eventName, Instant eventTime, JsonNode requestParameters) {

    /** The calls that set an analyzer's configuration, looked up newest first by the {@code byEventName} index. */
    public static final List<String> SETTING_CALLS = List.of("CreateAnalyzer", "UpdateAnalyzer");
    /** Items of each name read at most, newest first: the look-up is bounded whatever the table holds. */
    public static final int MAX_EVALUATED_PER_NAME = 200;

    private static final ObjectMapper JSON = JsonSupport.trailMapper(EventItemMapper.MAX_ITEM_BYTES);
    private static final ObjectMapper WRITER = JsonMapper.builder().build();

    /** Whether what the call set is known: its whole request is stored. */
    public boolean hasRequest() {
        return requestParameters != null;
    }

    /**
     * The text the stored requestParameters holds when its top level names {@code analyzerName}: the item mapper
     * writes compact JSON, so {@code "analyzerName":"NAME"} appears as such. Used as a {@code contains} filter; the
     * match is then confirmed on the parsed request ({@link #ofItem}).
     */
    public static String nameFragment(String analyzerName) {
        try {
            return "\"analyzerName\":" + WRITER.writeValueAsString(analyzerName);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The setup {@code item} holds if it is a call on the analyzer named {@code analyzerName}; empty when it is
     * another analyzer's. An item whose requestParameters is cut, or is not JSON, but holds the name's fragment is
     * taken as the analyzer's, with an unknown request: better to say nothing than to compare with an older call.
     */
    public static Optional<AnalyzerSetup> ofItem(Map<String, AttributeValue> item, String analyzerName) {
        AttributeValue request = item.get(REQUEST_PARAMETERS);
        if (request == null || request.s() == null || !request.s().contains(nameFragment(analyzerName))) {
            return Optional.empty();
        }
        String name = text(item, EVENT_NAME);
        Instant time = EventTimes.parseOrNull(text(item, EVENT_TIME));
        AttributeValue cut = item.get(REQUEST_PARAMETERS_TRUNCATED);
        if (cut != null && Boolean.TRUE.equals(cut.bool())) {
            return Optional.of(new AnalyzerSetup(name, time, null));
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(request.s());
        } catch (JsonProcessingException e) {
            return Optional.of(new AnalyzerSetup(name, time, null));
        }
        JsonNode named = parsed == null ? null : parsed.get("analyzerName");
        if (named == null || !named.isTextual() || !named.asText().equals(analyzerName)) {
            return Optional.empty(); // the fragment was deeper in the request: another analyzer's call
        }
        return Optional.of(new AnalyzerSetup(name, time, parsed));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }
}
