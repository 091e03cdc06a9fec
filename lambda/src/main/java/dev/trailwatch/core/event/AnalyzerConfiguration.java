package dev.trailwatch.core.event;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a CreateAnalyzer or UpdateAnalyzer request sets in {@code configuration}: for an unused-access analyzer its
 * age and its analysis-rule exclusions, for an internal-access analyzer its analysis-rule inclusions. Counts, not
 * the values: the alert shows the request itself.
 *
 * @param unusedAccessAge days, or null when not set (AWS's default is {@value #DEFAULT_UNUSED_ACCESS_AGE})
 * @param exclusions entries of {@code unusedAccess.analysisRule.exclusions} that name an account or a tag
 * @param inclusions entries of {@code internalAccess.analysisRule.inclusions}
 */
public record AnalyzerConfiguration(Integer unusedAccessAge, int exclusions, int inclusions) {

    public static final int DEFAULT_UNUSED_ACCESS_AGE = 90;

    public static final AnalyzerConfiguration NONE = new AnalyzerConfiguration(null, 0, 0);

    public static AnalyzerConfiguration of(JsonNode requestParameters) {
        JsonNode configuration = requestParameters == null ? null : requestParameters.get("configuration");
        if (configuration == null || !configuration.isObject()) {
            return NONE;
        }
        JsonNode unused = configuration.path("unusedAccess");
        JsonNode age = unused.get("unusedAccessAge");
        Integer days = null;
        if (age != null && age.isIntegralNumber() && age.canConvertToInt()) {
            days = age.intValue();
        } else if (age != null && age.isTextual() && age.asText().trim().matches("\\d{1,9}")) {
            // Read leniently, like readOnly: a number given as a string.
            days = Integer.valueOf(age.asText().trim());
        }
        int exclusions = 0;
        for (JsonNode exclusion : unused.path("analysisRule").path("exclusions")) {
            if (isNonEmpty(exclusion.get("accountIds")) || isNonEmpty(exclusion.get("resourceTags"))) {
                exclusions++;
            }
        }
        int inclusions = configuration.path("internalAccess").path("analysisRule").path("inclusions").size();
        return new AnalyzerConfiguration(days, exclusions, inclusions);
    }

    public boolean excludes() {
        return exclusions > 0;
    }

    /** An age above the default: access used within that many days is not reported. */
    public boolean longerUnusedAccessAge() {
        return unusedAccessAge != null && unusedAccessAge > DEFAULT_UNUSED_ACCESS_AGE;
    }

    private static boolean isNonEmpty(JsonNode node) {
        return node != null && !node.isNull() && !(node.isContainerNode() && node.isEmpty())
                && !(node.isTextual() && node.asText().isEmpty());
    }
}
