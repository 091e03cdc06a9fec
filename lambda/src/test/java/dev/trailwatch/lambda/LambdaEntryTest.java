package dev.trailwatch.lambda;

import dev.trailwatch.contract.FunctionContract;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

/**
 * Which method Lambda calls. Its Java runtime, given {@code Class::method}, takes the public non-bridge overload
 * with the most parameters, a trailing Context counting one more (EventHandlerLoader in
 * aws-lambda-java-runtime-interface-client). The function relies on that choosing the stream overload, so that
 * backfills and S3 events reach it unchanged instead of being forced into an SQSEvent.
 */
class LambdaEntryTest {

    @Test
    void theHandlerStringNamesTheClassAndMethodThatExist() throws Exception {
        String[] parts = FunctionContract.HANDLER.split("::");
        Class<?> handler = Class.forName(parts[0]);

        assertThat(handler).isEqualTo(TrailWatchHandler.class);
        assertThat(RequestHandler.class).isAssignableFrom(handler);
        assertThat(RequestStreamHandler.class).isAssignableFrom(handler);
        assertThat(handler.getConstructor()).isNotNull();
        assertThat(parts[1]).isEqualTo("handleRequest");
    }

    @Test
    void lambdasOverloadRulePicksTheStreamEntry() {
        Method chosen = Arrays.stream(TrailWatchHandler.class.getMethods())
                .filter(m -> m.getName().equals("handleRequest") && !m.isBridge())
                .max(Comparator.comparingInt(LambdaEntryTest::weight))
                .orElseThrow();

        assertThat(chosen.getParameterTypes()).containsExactly(InputStream.class, OutputStream.class, Context.class);
    }

    private static int weight(Method m) {
        Class<?>[] params = m.getParameterTypes();
        return params.length + (params.length > 0 && params[params.length - 1] == Context.class ? 1 : 0);
    }
}
