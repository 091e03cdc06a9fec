package dev.trailwatch.core.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.trailwatch.core.Records;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A failure reason goes to logs and reports: it says where and why, never what the content was. */
class FailureReasonSecrecyTest {

    private static final String SECRET = "wJalrXUtnFEMIK7MDENGbPxRfiCYSECRETKEY";

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"Records\":[{\"requestParameters\":{\"password\": " + SECRET + "}}]}",
            "{\"Records\":[{\"requestParameters\":{\"password\":\"" + SECRET + "\" " + SECRET + "}}]}",
            // Duplicate keys are looked for in records that may be kept (the reader's fast path skips the others).
            "{\"Records\":[{\"eventSource\":\"access-analyzer.amazonaws.com\",\"requestParameters\":{\""
                    + SECRET + "\":1,\"" + SECRET + "\":2}}]}",
            SECRET,
            "{\"Records\":[]} " + SECRET})
    void aReasonNamesThePlaceButQuotesNoContent(String file) {
        long cap = 1 << 20;
        LogFileReader reader = new LogFileReader(JsonSupport.trailMapper(cap), Set.of(Records.ACCESS_ANALYZER), cap);

        LogFileException failure = catchThrowableOfType(LogFileException.class, () -> reader.read(
                new ByteArrayInputStream(Records.gzip(file.getBytes(StandardCharsets.UTF_8))), r -> { }));

        assertThat(failure.getMessage()).startsWith("invalid JSON").doesNotContain(SECRET.substring(0, 8));
    }
}
