package dev.trailwatch.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.contract.Severity;
import dev.trailwatch.core.Records;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeverityClassifierTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "DeleteAnalyzer, HIGH",
            "CreateArchiveRule, HIGH",
            "UpdateArchiveRule, HIGH",
            "ApplyArchiveRule, HIGH",
            "UpdateAnalyzer, MEDIUM",
            "DeleteServiceLinkedAnalyzer, MEDIUM",
            "FrobnicateAnalyzer, MEDIUM",
            "DeleteArchiveRule, LOW",
            "TagResource, LOW",
            "UntagResource, LOW",
            "CreateAccessPreview, LOW",
            "StartPolicyGeneration, LOW",
            "CancelPolicyGeneration, LOW",
            "StartResourceScan, LOW",
            "GenerateFindingRecommendation, LOW",
            "CreateServiceLinkedAnalyzer, LOW",
            "CreateAnalyzer, LOW"})
    void everyMutatingNameHasTheSeverityOfTheDesignTable(String eventName, Severity expected) {
        Classification c = SeverityClassifier.classify(Records.event(Records.accessAnalyzerCall(eventName, false)));

        assertThat(c.mutating()).isTrue();
        assertThat(c.severity()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} without readOnly is mutating={1}")
    @CsvSource({
            "ListFindings, false",
            "GetAnalyzer, false",
            "CheckNoNewAccess, false",
            "ValidatePolicy, false",
            "DeleteArchiveRule, true",
            "Getaway, false",
            "ApplyArchiveRule, true"})
    void aMissingReadOnlyIsDecidedByTheName(String eventName, boolean mutating) {
        Classification c = SeverityClassifier.classify(Records.event(Records.accessAnalyzerCall(eventName, null)));

        assertThat(c.mutating()).isEqualTo(mutating);
    }

    @Test
    void readOnlyTrueWinsOverAMutatingName() {
        Classification c = SeverityClassifier.classify(Records.event(Records.accessAnalyzerCall("DeleteAnalyzer", true)));

        assertThat(c).isEqualTo(Classification.READ_ONLY);
    }

    @Test
    void readOnlyFalseWinsOverAReadOnlyName() {
        Classification c = SeverityClassifier.classify(Records.event(Records.accessAnalyzerCall("ListFindings", false)));

        assertThat(c.mutating()).isTrue();
        assertThat(c.severity()).isEqualTo(Severity.MEDIUM);
    }

    @ParameterizedTest(name = "UpdateFindings with {0} is {1}")
    @CsvSource({
            "'{\"status\":\"ARCHIVED\",\"ids\":[\"a\"]}', HIGH",
            "'{\"status\":\"ACTIVE\",\"ids\":[\"a\"]}', LOW",
            "'{\"ids\":[\"a\"]}', HIGH",
            "'{\"status\":\"archived\"}', HIGH"})
    void updateFindingsIsJudgedByTheStatusItSets(String requestParameters, Severity expected) {
        var record = Records.accessAnalyzerCall("UpdateFindings", false);
        record.set("requestParameters", Records.json(requestParameters));

        assertThat(SeverityClassifier.classify(Records.event(record)).severity()).isEqualTo(expected);
    }

    @Test
    void createAnalyzerWithInlineArchiveRulesIsMedium() {
        var record = Records.accessAnalyzerCall("CreateAnalyzer", false);
        record.set("requestParameters", Records.json("""
                {"analyzerName":"a","type":"ACCOUNT","archiveRules":[{"ruleName":"hide","filter":{"isPublic":{"eq":["false"]}}}]}"""));

        assertThat(SeverityClassifier.classify(Records.event(record)).severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void createAnalyzerWithAnEmptyArchiveRuleListIsLow() {
        var record = Records.accessAnalyzerCall("CreateAnalyzer", false);
        record.set("requestParameters", Records.json("{\"analyzerName\":\"a\",\"archiveRules\":[]}"));

        assertThat(SeverityClassifier.classify(Records.event(record)).severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void aFailedCallKeepsItsSeverity() {
        var record = Records.accessAnalyzerCall("DeleteAnalyzer", false);
        record.put("errorCode", "AccessDenied");

        assertThat(SeverityClassifier.classify(Records.event(record))).isEqualTo(Classification.mutating(Severity.HIGH));
    }

    @Test
    void severitiesParseInAnyCaseAndRejectOthersByName() {
        assertThat(Severity.parse(" medium ")).isEqualTo(Severity.MEDIUM);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Severity.parse("CRITICAL"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CRITICAL");
    }
}
