package dev.trailwatch.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.core.Records;
import org.junit.jupiter.api.Test;

class PrincipalResolverTest {

    private static String principalOf(String userIdentityJson) {
        var record = Records.accessAnalyzerCall("DeleteAnalyzer", false);
        if (userIdentityJson == null) {
            record.remove("userIdentity");
        } else {
            record.set("userIdentity", Records.json(userIdentityJson));
        }
        return PrincipalResolver.principalOf(Records.event(record).identity());
    }

    @Test
    void anAssumedRoleIsTheRoleBehindTheSession() {
        assertThat(principalOf("""
                {"type":"AssumedRole","principalId":"AROAEXAMPLE:alice","arn":"arn:aws:sts::111122223333:assumed-role/Admin/alice",
                 "sessionContext":{"sessionIssuer":{"type":"Role","arn":"arn:aws:iam::111122223333:role/Admin"}}}"""))
                .isEqualTo("arn:aws:iam::111122223333:role/Admin");
    }

    @Test
    void anAssumedRoleWithoutIssuerIsItsSessionArn() {
        assertThat(principalOf("""
                {"type":"AssumedRole","principalId":"AROAEXAMPLE:alice","arn":"arn:aws:sts::111122223333:assumed-role/Admin/alice"}"""))
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/Admin/alice");
    }

    @Test
    void aFederatedUserIsTheUserBehindTheSession() {
        assertThat(principalOf("""
                {"type":"FederatedUser","arn":"arn:aws:sts::111122223333:federated-user/Bob",
                 "sessionContext":{"sessionIssuer":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/Bob"}}}"""))
                .isEqualTo("arn:aws:iam::111122223333:user/Bob");
    }

    @Test
    void anIamUserAndRootAreTheirArn() {
        assertThat(principalOf("{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/Alice\"}"))
                .isEqualTo("arn:aws:iam::111122223333:user/Alice");
        assertThat(principalOf("{\"type\":\"Root\",\"arn\":\"arn:aws:iam::111122223333:root\"}"))
                .isEqualTo("arn:aws:iam::111122223333:root");
    }

    @Test
    void anAwsServiceIsNamedByWhoInvokedIt() {
        assertThat(principalOf("{\"type\":\"AWSService\",\"invokedBy\":\"securityhub.amazonaws.com\"}"))
                .isEqualTo("service:securityhub.amazonaws.com");
    }

    @Test
    void anotherAccountIsNamedByItsId() {
        assertThat(principalOf("{\"type\":\"AWSAccount\",\"principalId\":\"AIDAEXAMPLE\",\"accountId\":\"444455556666\"}"))
                .isEqualTo("account:444455556666");
    }

    @Test
    void anIdentityCenterUserWithoutArnIsTypeAndPrincipalId() {
        assertThat(principalOf("""
                {"type":"IdentityCenterUser","principalId":"906748d2-c0b1-7007-a1f4-5e5f1d0f4a1b","accountId":"111122223333",
                 "onBehalfOf":{"userId":"906748d2-c0b1-7007-a1f4-5e5f1d0f4a1b","identityStoreArn":"arn:aws:identitystore::111122223333:identitystore/d-1234567890"}}"""))
                .isEqualTo("IdentityCenterUser:906748d2-c0b1-7007-a1f4-5e5f1d0f4a1b");
    }

    @Test
    void anEmptyArnCountsAsAbsent() {
        assertThat(principalOf("{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLE\",\"arn\":\"\"}"))
                .isEqualTo("IAMUser:AIDAEXAMPLE");
    }

    @Test
    void aMissingUserIdentityIsUnknown() {
        assertThat(principalOf(null)).isEqualTo("unknown");
    }

    @Test
    void anAwsServiceWithoutInvokedByFallsBackToTypeAndPrincipalId() {
        assertThat(principalOf("{\"type\":\"AWSService\",\"principalId\":\"AIDAX\"}")).isEqualTo("AWSService:AIDAX");
    }
}
