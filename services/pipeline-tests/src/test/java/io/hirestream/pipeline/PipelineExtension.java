package io.hirestream.pipeline;

import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.KafkaStackExtension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one {@link Pipeline} for the whole run, started on first use against the shared
 * stack and stopped (every service by pid) when the run ends.
 */
final class PipelineExtension implements ParameterResolver {

    private final KafkaStackExtension stacks = new KafkaStackExtension();

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Pipeline.class || stacks.supportsParameter(parameter, context);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() != Pipeline.class) {
            return stacks.resolveParameter(parameter, context);
        }
        KafkaStack stack = (KafkaStack) stacks.resolveParameter(parameter, context);
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Pipeline.class, key -> Pipeline.start(stack), Pipeline.class);
    }
}
