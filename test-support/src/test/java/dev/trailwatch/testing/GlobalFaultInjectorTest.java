package dev.trailwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InternalErrorException;

/** This module's test resources name GlobalFaultInjector in the SDK's global interceptors file. */
class GlobalFaultInjectorTest {

    @RegisterExtension
    static final MotoServer moto = MotoServer.shared();

    private final FaultInjector faults = GlobalFaultInjector.faults();

    @BeforeEach
    @AfterEach
    void resetTheInjector() {
        faults.reset();
    }

    @Test
    void aClientBuiltWithoutInterceptorsIsStillCountedAndFailed() {
        String topic = moto.createTopic("global-" + UUID.randomUUID());
        faults.failAttempts("Publish", 2, FaultInjector.snsInternalError());

        try (SnsClient plain = moto.snsClientBuilder().build()) {
            plain.publish(b -> b.topicArn(topic).message("third time lucky"));
        }

        assertThat(faults.attempts("Publish")).isEqualTo(3);
        assertThat(faults.injectedFailures("Publish")).isEqualTo(2);
        assertThat(moto.publishedTo(topic)).extracting(PublishedMessage::message).containsExactly("third time lucky");
    }

    @Test
    void unarmedItOnlyCountsAndBeyondTheRetriesTheCallerGetsTheError() {
        String topic = moto.createTopic("global-" + UUID.randomUUID());
        try (SnsClient standard = moto.snsClientBuilder()
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)).build()) {
            standard.publish(b -> b.topicArn(topic).message("untouched"));
            faults.failAttempts("Publish", 3, FaultInjector.snsInternalError());

            assertThatThrownBy(() -> standard.publish(b -> b.topicArn(topic).message("never")))
                    .isInstanceOf(InternalErrorException.class);
        }

        assertThat(faults.calls("Publish")).isEqualTo(2);
        assertThat(faults.attempts("Publish")).isEqualTo(4);
        assertThat(moto.publishedTo(topic)).extracting(PublishedMessage::message).containsExactly("untouched");
    }
}
