package dev.trailwatch.lambda;

import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The three SDK clients of one container. Built once, before the first invocation (and so inside a SnapStart
 * snapshot), and shared by every invocation; tests pass their own clients pointed at the emulators.
 */
public record AwsClients(S3Client s3, DynamoDbClient dynamo, SnsClient sns) {

    static final String ENV_REGION = "AWS_REGION";
    static final String ENV_ENDPOINT_URL = "AWS_ENDPOINT_URL";
    static final String ENV_ENDPOINT_URL_S3 = "AWS_ENDPOINT_URL_S3";
    static final String ENV_IGNORE_CONFIGURED_ENDPOINT_URLS = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

    /**
     * Clients the way Lambda runs them. Endpoints are left to the SDK, which reads {@code AWS_ENDPOINT_URL} and
     * {@code AWS_ENDPOINT_URL_S3}/{@code _DYNAMODB}/{@code _SNS} itself; only S3's path-style addressing has no
     * such setting, and emulators need it.
     *
     * @throws ConfigurationException when AWS_REGION is missing
     */
    public static AwsClients fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, lambdaCredentials());
    }

    static AwsClients fromEnvironment(Map<String, String> env, AwsCredentialsProvider credentials) {
        String regionName = env.get(ENV_REGION);
        if (regionName == null || regionName.isBlank()) {
            throw new ConfigurationException(ENV_REGION + " is not set");
        }
        Region region = Region.of(regionName.trim());
        // One client for the three: it holds no per-service state, and one is cheaper to start.
        SdkHttpClient http = UrlConnectionHttpClient.builder().build();
        ClientOverrideConfiguration retries = ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .build();
        S3Client s3 = S3Client.builder()
                .httpClient(http)
                .region(region)
                .credentialsProvider(credentials)
                .overrideConfiguration(retries)
                .forcePathStyle(s3EndpointOverridden(env))
                .build();
        DynamoDbClient dynamo = DynamoDbClient.builder()
                .httpClient(http)
                .region(region)
                .credentialsProvider(credentials)
                .overrideConfiguration(retries)
                .build();
        SnsClient sns = SnsClient.builder()
                .httpClient(http)
                .region(region)
                .credentialsProvider(credentials)
                .overrideConfiguration(retries)
                .build();
        return new AwsClients(s3, dynamo, sns);
    }

    /**
     * Lambda gives the role's credentials as environment variables, except under SnapStart, where the variables
     * are absent and the same credentials come from a container endpoint. Naming the two avoids the default
     * chain's probing of profile files and the EC2 metadata service.
     */
    static AwsCredentialsProvider lambdaCredentials() {
        return AwsCredentialsProviderChain.of(
                EnvironmentVariableCredentialsProvider.create(),
                ContainerCredentialsProvider.create());
    }

    static boolean s3EndpointOverridden(Map<String, String> env) {
        if ("true".equalsIgnoreCase(trim(env.get(ENV_IGNORE_CONFIGURED_ENDPOINT_URLS)))) {
            return false;
        }
        return !trim(env.get(ENV_ENDPOINT_URL_S3)).isEmpty() || !trim(env.get(ENV_ENDPOINT_URL)).isEmpty();
    }

    private static String trim(String value) {
        return value == null ? "" : value.trim();
    }
}
