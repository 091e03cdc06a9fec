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
            "DeleteServiceLinkedAnalyzer, HIGH",
            "FrobnicateAnalyzer, MEDIUM",
            "DeleteArchiveRule, LOW",
            "TagResource, LOW",
            "UntagResource, LOW",
            "CreateAccessPreview, LOW",
            "StartPolicyGeneration, LOW",
            "CancelPolicyGeneration, LOW",
            "StartResourceScan, LOW",
            "GenerateFindingRecommendation, LOW",
            "CreateServiceLinkedAnalyzer, MEDIUM",
            "CreateAnalyzer, LOW"})
    void everyMutatingNameHasTheSeverityOfTheReadmeTable(String eventName, Severity expected) {
        Classification c = SeverityClassifier.classify(Records.event(Records.accessAnalyzerCall(eventName, false)));

        assertThat(c.mutating()).isTrue();
        assertThat(c.severity()).isEqualTo(expected);
        assertThat(c.unknownOperation()).isEqualTo(eventName.equals("FrobnicateAnalyzer"));
    }

    @ParameterizedTest(name = "{0} with readOnly {1} is stored, never alerted")
    @CsvSource({
            "CheckNoNewAccess, false", "CheckNoPublicAccess, false", "CheckAccessNotGranted, false",
            "ValidatePolicy, false", "CheckNoNewAccess, true", "ValidatePolicy, "})
    void policyChecksAreReadsWhateverReadOnlySays(String eventName, Boolean readOnly) {
        Classification c = SeverityClassifier.classify(Records.event(Records.accessAnalyzerCall(eventName, readOnly)));

        assertThat(c).isEqualTo(Classification.READ_ONLY);
    }

    @Test
    void anUnknownReadIsReadOnlyAndStillCountedAsUnknown() {
        Classification c = SeverityClassifier.classify(Records.event(Records.accessAnalyzerCall("GetSomethingNew", null)));

        assertThat(c.mutating()).isFalse();
        assertThat(c.severity()).isNull();
        assertThat(c.unknownOperation()).isTrue();
    }

    private static Severity rate(String eventName, String requestParameters) {
        var record = Records.accessAnalyzerCall(eventName, false);
        record.set("requestParameters", Records.json(requestParameters));
        return SeverityClassifier.classify(Records.event(record)).severity();
    }

    @ParameterizedTest(name = "UpdateAnalyzer with {0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"analyzerName\":\"a\",\"configuration\":{\"unusedAccess\":{\"unusedAccessAge\":90,\"analysisRule\":{\"exclusions\":[{\"accountIds\":[\"444455556666\"]}]}}}} | HIGH",
            "{\"analyzerName\":\"a\",\"configuration\":{\"unusedAccess\":{\"analysisRule\":{\"exclusions\":[{\"resourceTags\":[{\"team\":\"red\"}]}]}}}} | HIGH",
            "{\"analyzerName\":\"a\",\"configuration\":{\"unusedAccess\":{\"analysisRule\":{\"exclusions\":[]}}}} | MEDIUM",
            "{\"analyzerName\":\"a\",\"configuration\":{\"unusedAccess\":{\"unusedAccessAge\":365}}} | MEDIUM",
            "{\"analyzerName\":\"a\",\"configuration\":{\"unusedAccess\":{\"unusedAccessAge\":1}}} | MEDIUM",
            "{\"analyzerName\":\"a\",\"configuration\":{\"internalAccess\":{\"analysisRule\":{\"inclusions\":[{\"resourceTypes\":[\"AWS::S3::Bucket\"]}]}}}} | MEDIUM",
            "{\"analyzerName\":\"a\"} | MEDIUM"})
    void updateAnalyzerIsHighWhenItSetsAnyExclusion(String requestParameters, Severity expected) {
        assertThat(rate("UpdateAnalyzer", requestParameters)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "CreateAnalyzer with {0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"analyzerName\":\"a\",\"type\":\"ACCOUNT\"} | LOW",
            "{\"analyzerName\":\"a\",\"type\":\"ACCOUNT_UNUSED_ACCESS\",\"configuration\":{\"unusedAccess\":{\"unusedAccessAge\":90}}} | LOW",
            "{\"analyzerName\":\"a\",\"type\":\"ACCOUNT_UNUSED_ACCESS\",\"configuration\":{\"unusedAccess\":{\"unusedAccessAge\":\"180\"}}} | MEDIUM",
            "{\"analyzerName\":\"a\",\"type\":\"ORGANIZATION_UNUSED_ACCESS\",\"configuration\":{\"unusedAccess\":{\"analysisRule\":{\"exclusions\":[{\"accountIds\":[\"444455556666\"]}]}}}} | MEDIUM",
            "{\"analyzerName\":\"a\",\"type\":\"ACCOUNT_INTERNAL_ACCESS\",\"configuration\":{\"internalAccess\":{\"analysisRule\":{\"inclusions\":[{\"resourceTypes\":[\"AWS::S3::Bucket\"]}]}}}} | LOW",
            "{\"analyzerName\":\"a\",\"archiveRules\":[{\"ruleName\":\"r\",\"filter\":{\"resource\":{\"eq\":[\"arn:aws:s3:::b\"]}}}]} | MEDIUM",
            "{\"analyzerName\":\"a\",\"archiveRules\":[{\"ruleName\":\"r\",\"filter\":{}}]} | HIGH",
            "{\"analyzerName\":\"a\",\"archiveRules\":[{\"ruleName\":\"r\",\"filter\":{\"isPublic\":{\"eq\":[]}}}]} | HIGH"})
    void createAnalyzerIsRatedByWhatItHidesFromTheStart(String requestParameters, Severity expected) {
        assertThat(rate("CreateAnalyzer", requestParameters)).isEqualTo(expected);
    }

    @Test
    void aFailedDeleteServiceLinkedAnalyzerIsMedium() {
        var record = Records.accessAnalyzerCall("DeleteServiceLinkedAnalyzer", false);
        record.put("errorCode", "AccessDeniedException");

        assertThat(SeverityClassifier.classify(Records.event(record)).severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void createServiceLinkedAnalyzerByAnAwsServiceIsLow() {
        var record = Records.accessAnalyzerCall("CreateServiceLinkedAnalyzer", false);
        record.set("userIdentity", Records.json("{\"type\":\"AWSService\",\"invokedBy\":\"securityhub.amazonaws.com\"}"));

        assertThat(SeverityClassifier.classify(Records.event(record)).severity()).isEqualTo(Severity.LOW);
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
