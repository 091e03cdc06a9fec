package dev.trailwatch.lambda.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.lambda.TrailFixtures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3KeyDecoderTest {

    @Test
    void theEncodedKeysOfTheFixturesDecodeToTheirDocumentedNames() throws IOException {
        JsonNode event = new ObjectMapper().readTree(TrailFixtures.lambdaPayload("s3-keys-encoded.json").toFile());
        List<String> decoded = new ArrayList<>();
        event.path("Records").forEach(r ->
                decoded.add(S3KeyDecoder.decode(r.path("s3").path("object").path("key").asText())));

        assertThat(decoded).containsExactly(
                "my-prefix/" + TrailFixtures.D2,
                "my prefix/" + TrailFixtures.D3,
                "my+prefix/" + TrailFixtures.D5,
                "my-pr\u00e9fix/" + TrailFixtures.D1,
                TrailFixtures.D4.replace("AWSLogs/", "AWSLogs/o-abcde12345/"),
                "my prefix+\u00e9/" + TrailFixtures.D9.replace("AWSLogs/", "AWSLogs/o-abcde12345/"),
                TrailFixtures.DIGEST.replace("AWSLogs/", "AWSLogs/o-abcde12345/"));
    }

    @Test
    void plusIsASpaceAndAnEscapedPlusIsAPlus() {
        assertThat(S3KeyDecoder.decode("a+b%2Bc")).isEqualTo("a b+c");
    }

    @Test
    void aKeyWithNothingToDecodeIsReturnedAsItIs() {
        String key = "AWSLogs/111122223333/CloudTrail/x.json.gz";
        assertThat(S3KeyDecoder.decode(key)).isSameAs(key);
    }

    @Test
    void charactersOutsideTheBasicPlaneSurviveUnescaped() {
        assertThat(S3KeyDecoder.decode("logs/\uD83D\uDE00+%F0%9F%98%80.json"))
                .isEqualTo("logs/\uD83D\uDE00 \uD83D\uDE00.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad%zzkey.json.gz", "cut%4", "end%", "%G1"})
    void aPercentNotFollowedByTwoHexDigitsIsMalformed(String key) {
        assertThatThrownBy(() -> S3KeyDecoder.decode(key))
                .isInstanceOf(S3KeyDecoder.MalformedKeyException.class)
                .hasMessageContaining("position");
    }

    @Test
    void escapedBytesThatAreNotUtf8AreMalformedRatherThanReplaced() {
        assertThatThrownBy(() -> S3KeyDecoder.decode("logs/%C3%28.json.gz"))
                .isInstanceOf(S3KeyDecoder.MalformedKeyException.class)
                .hasMessage("the escaped bytes are not UTF-8");
    }
}
