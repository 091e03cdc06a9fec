package dev.trailwatch.templatetests;

import dev.trailwatch.contract.FunctionContract;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * What a user runs: the pinned CDK CLI (`npm ci`), cdk.json's app command and context, no AWS credentials and
 * no network beyond the machine. Synthesized once into target/, then read back.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CdkCliSynthTest {

    private static final Path CDK = Deployments.REPO_ROOT.resolve("node_modules/.bin/cdk");
    private static final Path TARGET = Deployments.REPO_ROOT.resolve("template-tests/target");
    private static final Path OUT = TARGET.resolve("cdk-cli.out");
    private static final Path LOG = TARGET.resolve("cdk-cli.log");
    private static final String CLI_EMAIL = "cli@example.com";

    private static final Path FAST_PATH_OUT = TARGET.resolve("cdk-cli-fastpath.out");

    private static JsonNode template;

    @BeforeAll
    static void synthesizeWithTheCli() throws IOException, InterruptedException {
        synth(OUT, LOG, "-c", "alertEmail=" + CLI_EMAIL);
        template = new ObjectMapper().readTree(OUT.resolve("TrailWatch.template.json").toFile());
    }

    /** `cdk synth --quiet -o OUT ARGS`, offline and without credentials; fails with the CLI's output. */
    private static void synth(Path out, Path log, String... args) throws IOException, InterruptedException {
        assertThat(CDK)
                .as("the CDK CLI pinned in package.json; run `npm ci` in %s first", Deployments.REPO_ROOT)
                .exists();
        List<String> command = new java.util.ArrayList<>(List.of(CDK.toString(), "synth", "--quiet", "-o",
                out.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(Deployments.REPO_ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        // Offline and without credentials, as in CI: nothing the synth needs may come from an AWS account.
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("CDK_DISABLE_VERSION_CHECK", "1");
        env.put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        // The app's JVM unpacks jsii into its temp dir: keep that inside target/ as well.
        env.put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + TARGET);

        Process process = builder.start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(finished).as("cdk synth finished within 5 minutes; output:%n%s", output).isTrue();
        assertThat(process.exitValue()).as("cdk synth exit status; output:%n%s", output).isZero();
    }

    /**
     * The fast path forwarded from eu-west-1: the home stack and one forwarder. Without a region configured the
     * CLI deploys to us-east-1 (and says so in its debug output), so that is the home region the forwarder sends to.
     */
    @Test
    void fast_path_regions_given_with_dash_c_write_the_home_stack_and_a_forwarder() throws Exception {
        synth(FAST_PATH_OUT, TARGET.resolve("cdk-cli-fastpath.log"), "-c", "fastPathRegions=eu-west-1");

        assertThat(FAST_PATH_OUT.resolve("TrailWatch.template.json")).isRegularFile();
        Path forwarder = FAST_PATH_OUT.resolve("TrailWatch-FastPath-eu-west-1.template.json");
        assertThat(forwarder).isRegularFile();
        JsonNode rule = new CfnTemplate(new ObjectMapper().readTree(forwarder.toFile())).only("AWS::Events::Rule")
                .getValue();
        assertThat(CfnTemplate.flatten(rule.at("/Properties/Targets/0/Arn")))
                .isEqualTo("arn:<AWS::Partition>:events:us-east-1:<AWS::AccountId>:event-bus/default");
        JsonNode manifest = new ObjectMapper().readTree(FAST_PATH_OUT.resolve("manifest.json").toFile());
        assertThat(manifest.at("/artifacts/TrailWatch-FastPath-eu-west-1/environment").asText())
                .isEqualTo("aws://unknown-account/eu-west-1");
    }

    @Test
    void the_cli_template_runs_the_handler_the_function_module_names() {
        assertThat(new CfnTemplate(template).functionProperties().path("Handler").asText())
                .isEqualTo(FunctionContract.HANDLER);
    }

    @Test
    void the_cli_reads_the_context_defaults_of_cdk_json() {
        JsonNode variables = new CfnTemplate(template).functionProperties().at("/Environment/Variables");
        assertThat(variables.path(FunctionContract.ENV_ALERT_MIN_SEVERITY).asText()).isEqualTo("LOW");
        assertThat(variables.path(FunctionContract.ENV_RETENTION_DAYS).asText()).isEqualTo("365");
        assertThat(variables.path(FunctionContract.ENV_EVENT_SOURCES).asText())
                .isEqualTo("access-analyzer.amazonaws.com");
    }

    @Test
    void a_context_value_given_with_dash_c_reaches_the_template() {
        assertThat(new CfnTemplate(template).resources("AWS::SNS::Subscription").values())
                .extracting(s -> s.at("/Properties/Endpoint").asText())
                .containsOnly(CLI_EMAIL)
                .hasSize(2);
    }

    @Test
    void the_cli_template_creates_the_trail() {
        assertThat(new CfnTemplate(template).resources("AWS::CloudTrail::Trail")).hasSize(1);
    }

    @Test
    void the_function_jar_is_staged_as_an_asset() throws IOException {
        String assetPath = new CfnTemplate(template).function().getValue().at("/Metadata/aws:asset:path").asText();
        Path staged = OUT.resolve(assetPath);
        assertThat(staged).isRegularFile();
        assertThat(Files.size(staged)).isEqualTo(Files.size(Deployments.FUNCTION_JAR));
    }

    @Test
    void the_cdk_nag_reports_are_written_next_to_the_template() {
        assertThat(List.of("AwsSolutions-TrailWatch-NagReport.csv", "Serverless-TrailWatch-NagReport.csv"))
                .allSatisfy(report -> assertThat(OUT.resolve(report)).isRegularFile());
    }
}
