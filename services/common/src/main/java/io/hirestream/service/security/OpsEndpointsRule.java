package io.hirestream.service.security;

import io.hirestream.access.Roles;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.security.rules.SensitiveEndpointRule;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Management endpoints marked sensitive ({@code /prometheus}) answer the {@code ops} role alone;
 * {@code /health} is not sensitive: anyone sees UP or DOWN, only ops the details
 * ({@link OpsHealthEndpoint}).
 */
@Singleton
@Replaces(SensitiveEndpointRule.class)
public class OpsEndpointsRule extends SensitiveEndpointRule {

    public OpsEndpointsRule(EndpointSensitivityProcessor endpointSensitivityProcessor) {
        super(endpointSensitivityProcessor);
    }

    @Override
    protected Publisher<SecurityRuleResult> checkSensitiveAuthenticated(HttpRequest<?> request, Authentication authentication,
                                                                       ExecutableMethod<?, ?> method) {
        return Mono.just(authentication.getRoles().contains(Roles.OPS) ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }
}
