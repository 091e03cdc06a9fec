package dev.trailwatch.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.RetryMode;

/** The clients' wiring from the environment; the shaded-jar test runs it for real against the stand-ins. */
class AwsClientsTest {

    @Test
    void aMissingRegionIsNamed() {
        assertThatThrownBy(() -> AwsClients.fromEnvironment(Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("AWS_REGION is not set");
    }

    @Test
    void s3UsesPathStyleOnlyWhenItsEndpointIsOverridden() {
        assertThat(AwsClients.s3EndpointOverridden(Map.of())).isFalse();
        assertThat(AwsClients.s3EndpointOverridden(Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://localhost:8000")))
                .isFalse();
        assertThat(AwsClients.s3EndpointOverridden(Map.of("AWS_ENDPOINT_URL_S3", "http://localhost:9090"))).isTrue();
        assertThat(AwsClients.s3EndpointOverridden(Map.of("AWS_ENDPOINT_URL", "http://localhost:4566"))).isTrue();
        assertThat(AwsClients.s3EndpointOverridden(Map.of("AWS_ENDPOINT_URL", "http://localhost:4566",
                "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"))).isFalse();
    }

    @Test
    void theClientsTakeTheRegionAndTheStandardRetryStrategy() {
        AwsClients clients = AwsClients.fromEnvironment(Map.of("AWS_REGION", "eu-west-1"));
        try {
            assertThat(clients.s3().serviceClientConfiguration().region().id()).isEqualTo("eu-west-1");
            assertThat(clients.dynamo().serviceClientConfiguration().region().id()).isEqualTo("eu-west-1");
            assertThat(List.of(
                    clients.s3().serviceClientConfiguration().overrideConfiguration().retryMode(),
                    clients.dynamo().serviceClientConfiguration().overrideConfiguration().retryMode(),
                    clients.sns().serviceClientConfiguration().overrideConfiguration().retryMode()))
                    .containsOnly(Optional.of(RetryMode.STANDARD));
        } finally {
            clients.s3().close();
            clients.dynamo().close();
            clients.sns().close();
        }
    }
}
