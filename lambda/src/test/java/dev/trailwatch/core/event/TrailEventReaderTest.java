package dev.trailwatch.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trailwatch.core.Records;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrailEventReaderTest {

    private final TrailEventReader reader = new TrailEventReader(Records.MAPPER);

    @Test
    void readOnlyGivenAsStringsIsReadAsBooleans() throws Exception {
        var lower = Records.accessAnalyzerCall("DeleteAnalyzer", null);
        lower.put("readOnly", "false");
        var capital = Records.accessAnalyzerCall("ListAnalyzers", null);
        capital.put("readOnly", "True");
        var nonsense = Records.accessAnalyzerCall("ListAnalyzers", null);
        nonsense.put("readOnly", "maybe");

        assertThat(reader.read(lower).readOnly()).isFalse();
        assertThat(reader.read(capital).readOnly()).isTrue();
        assertThat(reader.read(nonsense).readOnly()).isNull();
    }

    @Test
    void anEmptyErrorCodeMeansNoError() throws Exception {
        var record = Records.accessAnalyzerCall("CreateAnalyzer", false);
        record.put("errorCode", "");

        assertThat(reader.read(record).failed()).isFalse();
    }

    @Test
    void requestParametersGivenAsAJsonStringAreReadAsJson() throws Exception {
        var record = Records.accessAnalyzerCall("UpdateArchiveRule", false);
        record.put("requestParameters", "{\"analyzerName\":\"x\",\"ruleName\":\"r\"}");

        assertThat(reader.read(record).requestParameters().get("ruleName").asText()).isEqualTo("r");
    }

    @Test
    void requestParametersThatAreAPlainStringStayAString() throws Exception {
        var record = Records.accessAnalyzerCall("UpdateArchiveRule", false);
        record.put("requestParameters", "not json {");

        assertThat(reader.read(record).requestParameters().asText()).isEqualTo("not json {");
    }

    @Test
    void timesWithOffsetsAndFractionsAreRead() throws Exception {
        var record = Records.accessAnalyzerCall("GetAnalyzer", true);
        record.put("eventTime", "2018-06-14T23:57:36.250+01:00");

        TrailEvent event = reader.read(record);

        assertThat(event.eventTime()).isEqualTo(Instant.parse("2018-06-14T22:57:36.250Z"));
        assertThat(event.eventTimeId()).isEqualTo("2018-06-14T22:57:36Z#" + event.eventId());
    }

    @Test
    void aRecordWithoutEventIdCannotBeStored() {
        var record = Records.accessAnalyzerCall("DeleteAnalyzer", false);
        record.remove("eventID");

        assertThatThrownBy(() -> reader.read(record)).isInstanceOf(UnstorableRecordException.class)
                .hasMessage("no eventID");
    }

    @Test
    void aRecordWithAnUnreadableTimeCannotBeStoredAndTheReasonQuotesIt() {
        var record = Records.accessAnalyzerCall("DeleteAnalyzer", false);
        record.put("eventTime", "yesterday");

        assertThatThrownBy(() -> reader.read(record)).isInstanceOf(UnstorableRecordException.class)
                .hasMessageContaining("'yesterday' is not a time");
    }

    @Test
    void unknownFieldsSurviveInTheRawRecord() throws Exception {
        var record = Records.accessAnalyzerCall("CreateArchiveRule", false);
        record.put("eventVersion", "1.11");
        record.putObject("futureField").put("x", 1);

        assertThat(reader.read(record).raw().path("futureField").path("x").asInt()).isEqualTo(1);
    }

    @Test
    void mfaAndSessionIssuerAreReadFromTheSessionContext() throws Exception {
        var record = Records.accessAnalyzerCall("DeleteAnalyzer", false);
        record.set("userIdentity", Records.json("""
                {"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/R/s",
                 "sessionContext":{"sessionIssuer":{"arn":"arn:aws:iam::1:role/R"},"attributes":{"mfaAuthenticated":"true"}}}"""));

        UserIdentity id = reader.read(record).identity();

        assertThat(id.sessionIssuerArn()).isEqualTo("arn:aws:iam::1:role/R");
        assertThat(id.mfaAuthenticated()).isTrue();
    }
}
