package dev.trailwatch.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trailwatch.testing.FaultInjector;
import dev.trailwatch.testing.GlobalFaultInjector;
import dev.trailwatch.testing.MotoServer;
import dev.trailwatch.testing.PublishedMessage;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sns.model.SnsException;

/** The clients' wiring from the environment; the shaded-jar test runs it for real against the emulators. */
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
        MotoServer moto = MotoServer.shared();
        String topic = moto.createTopic("retries-" + UUID.randomUUID());
        // The clients are built inside AwsClients: only the SDK's global interceptor (test resources) reaches them.
        FaultInjector faults = GlobalFaultInjector.faults();
        faults.reset();
        // The system property twin of AWS_ENDPOINT_URL_SNS, which a running JVM cannot set for itself.
        System.setProperty("aws.endpointUrlSns", moto.endpoint().toString());
        AwsClients clients;
        try {
            clients = AwsClients.fromEnvironment(Map.of("AWS_REGION", "us-east-1"),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        } finally {
            System.clearProperty("aws.endpointUrlSns");
        }
        try {
            faults.failAttempts("Publish", 2, FaultInjector.snsInternalError());
            clients.sns().publish(b -> b.topicArn(topic).message("hello"));

            assertThat(clients.s3().serviceClientConfiguration().region().id()).isEqualTo("us-east-1");
            assertThat(faults.attempts("Publish")).isEqualTo(3);
            assertThat(moto.publishedTo(topic)).extracting(PublishedMessage::message).containsExactly("hello");
            faults.failAttempts("Publish", 3, FaultInjector.snsInternalError());
            assertThatThrownBy(() -> clients.sns().publish(b -> b.topicArn(topic).message("again")))
                    .isInstanceOf(SnsException.class);
            assertThat(faults.attempts("Publish")).isEqualTo(6);
            assertThat(moto.publishedTo(topic)).hasSize(1);
        } finally {
            faults.reset();
            clients.s3().close();
            clients.dynamo().close();
            clients.sns().close();
        }
    }
}
