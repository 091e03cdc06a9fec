package dev.trailwatch.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FastPathPatternTest {

    private static final String ACCESS_ANALYZER = "access-analyzer.amazonaws.com";
    private static final String CHAT = WatchedCalls.CHAT_SOURCE;

    @Test
    void thePatternFitsEventBridgesDefaultSizeWithRoomToSpare() {
        String json = FastPathPattern.toJson(FastPathPattern.of(Set.of(ACCESS_ANALYZER)));

        assertThat(json.length()).as(json).isLessThan(FastPathPattern.MAX_PATTERN_CHARS - 200);
    }

    @Test
    void onlyCloudTrailsApiCallsAreMatched() {
        assertThat(FastPathPattern.of(Set.of(ACCESS_ANALYZER)).get("detail-type"))
                .isEqualTo(List.of("AWS API Call via CloudTrail"));
    }

    @Test
    void aKeptSourceIsMatchedWhenReadOnlyIsFalseOrMissingInTwoBranches() {
        List<Object> branches = branches(Set.of(ACCESS_ANALYZER));

        assertThat(branches).contains(
                Map.of("eventSource", List.of(ACCESS_ANALYZER), "readOnly", List.of(false)),
                Map.of("eventSource", List.of(ACCESS_ANALYZER), "readOnly", List.of(Map.of("exists", false))));
    }

    @Test
    void withChatChannelsTheirCallsAreMatchedByReadOnlyWithTheKeptSourcesNotByTheirLongNames() {
        Set<String> sources = FastPathPattern.sources(Set.of(ACCESS_ANALYZER), true);
        List<Object> branches = branches(sources);

        assertThat(sources).containsExactlyInAnyOrder(ACCESS_ANALYZER, CHAT);
        assertThat(((Map<?, ?>) branches.get(0)).get("eventSource")).isEqualTo(List.of(ACCESS_ANALYZER, CHAT));
        assertThat(((Map<?, ?>) branches.get(1)).get("eventSource")).isEqualTo(List.of(ACCESS_ANALYZER, CHAT));
        Map<?, ?> named = (Map<?, ?>) branches.get(2);
        assertThat(list(named.get("eventSource"))).doesNotContain(CHAT);
        assertThat(list(named.get("eventName"))).doesNotContainAnyElementsOf(WatchedCalls.names(CHAT));
        assertThat(WatchedCalls.names(CHAT)).contains("DeleteSlackChannelConfiguration",
                "UpdateMicrosoftTeamsChannelConfiguration", "DeleteSlackWorkspaceAuthorization");
        String json = FastPathPattern.toJson(FastPathPattern.of(sources));
        assertThat(json.length()).as(json).isLessThan(FastPathPattern.MAX_PATTERN_CHARS - 200);
    }

    @Test
    void withoutChatChannelsChatIsNamedNowhereInThePattern() {
        Set<String> sources = FastPathPattern.sources(Set.of(ACCESS_ANALYZER), false);

        assertThat(sources).containsExactly(ACCESS_ANALYZER);
        assertThat(FastPathPattern.toJson(FastPathPattern.of(sources))).doesNotContain("chatbot")
                .doesNotContain("SlackChannelConfiguration");
    }

    @Test
    void chatsAuthorizationCallsAreWatchedChatCalls() {
        assertThat(WatchedCalls.names(CHAT)).containsAll(WatchedCalls.CHAT_AUTHORIZATION_CALLS);
    }

    @Test
    void chatKeptWholeAsWellIsListedOnce() {
        assertThat(FastPathPattern.sources(Set.of(ACCESS_ANALYZER, CHAT), true))
                .containsExactlyInAnyOrder(ACCESS_ANALYZER, CHAT);
    }

    @Test
    void theWatchListsServicesAreMatchedByNameWithLambdasNamesAsPrefixes() {
        Map<?, ?> named = (Map<?, ?>) branches(Set.of(ACCESS_ANALYZER)).get(2);

        assertThat(list(named.get("eventSource"))).hasSize(WatchedCalls.BY_SOURCE.size() - 2)
                .doesNotContain(ACCESS_ANALYZER, CHAT)
                .as("the fast path's own rule is watched through the log file only")
                .doesNotContain(WatchedCalls.FAST_PATH_RULE_SOURCE);
        List<Object> names = list(named.get("eventName"));
        assertThat(names).contains("StopLogging", "PurgeQueue", "PutBucketPolicy",
                Map.of("prefix", "UpdateFunctionConfiguration"), Map.of("prefix", "AddPermission"));
        assertThat(names).as("an exact name a prefix covers is left out").doesNotContain("AddPermission");
        assertThat(names).as("a prefix a shorter prefix covers is left out")
                .doesNotContain(Map.of("prefix", "DeleteFunctionConcurrency"));
        assertThat(names).as("a watched name that begins another is a prefix for both")
                .contains(Map.of("prefix", "DeleteRole"), Map.of("prefix", "PutBucketNotification"))
                .doesNotContain("DeleteRole", "DeleteRolePolicy", "PutBucketNotificationConfiguration");
    }

    @Test
    void aWatchedSourceThatIsAlsoKeptWholeIsMatchedWhole() {
        List<Object> branches = branches(Set.of(ACCESS_ANALYZER, "kms.amazonaws.com"));

        assertThat(((Map<?, ?>) branches.get(0)).get("eventSource"))
                .isEqualTo(List.of(ACCESS_ANALYZER, "kms.amazonaws.com"));
        assertThat(list(((Map<?, ?>) branches.get(2)).get("eventSource"))).doesNotContain("kms.amazonaws.com");
    }

    @Test
    void noSourceAtAllIsRefused() {
        assertThatThrownBy(() -> FastPathPattern.of(Set.of())).hasMessageContaining("at least one event source");
    }

    @Test
    void theJsonIsThePatternsShape() {
        assertThat(FastPathPattern.toJson(Map.of("a", List.of(false, Map.of("prefix", "x\"y")))))
                .isEqualTo("{\"a\":[false,{\"prefix\":\"x\\\"y\"}]}");
    }

    private static List<Object> branches(Set<String> sources) {
        Map<?, ?> detail = (Map<?, ?>) FastPathPattern.of(sources).get("detail");
        return list(detail.get("$or"));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        return (List<Object>) node;
    }
}
