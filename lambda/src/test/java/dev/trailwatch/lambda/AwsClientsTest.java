package dev.trailwatch.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trailwatch.testing.SnsQueryServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sns.model.SnsException;

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
    void theClientsTakeTheRegionTheSdksEndpointSettingAndTheStandardRetries() {
        try (SnsQueryServer sns = new SnsQueryServer()) {
            String topic = sns.createTopic("retries");
            sns.failNext(2, 500, "InternalError");
            // The system property twin of AWS_ENDPOINT_URL_SNS, which a running JVM cannot set for itself.
            System.setProperty("aws.endpointUrlSns", sns.endpoint().toString());
            AwsClients clients;
            try {
                clients = AwsClients.fromEnvironment(Map.of("AWS_REGION", "us-east-1"),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
            } finally {
                System.clearProperty("aws.endpointUrlSns");
            }
            try {
                clients.sns().publish(b -> b.topicArn(topic).message("hello"));

                assertThat(clients.s3().serviceClientConfiguration().region().id()).isEqualTo("us-east-1");
                assertThat(sns.requests("Publish")).extracting(SnsQueryServer.RecordedRequest::status)
                        .containsExactly(500, 500, 200);
                sns.failNext(3, 500, "InternalError");
                assertThatThrownBy(() -> clients.sns().publish(b -> b.topicArn(topic).message("again")))
                        .isInstanceOf(SnsException.class);
                assertThat(sns.requests("Publish")).hasSize(6);
            } finally {
                clients.s3().close();
                clients.dynamo().close();
                clients.sns().close();
            }
        }
    }
}
