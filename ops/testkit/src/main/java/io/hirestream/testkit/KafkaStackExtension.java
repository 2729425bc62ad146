package io.hirestream.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the shared {@link KafkaStack}: started on first use, stopped when the test run ends.
 * See {@link SharedKafkaStack} for where it comes from.
 */
public final class KafkaStackExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        stack(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack(context);
    }

    private static KafkaStack stack(ExtensionContext context) {
        // The root store closes its values when the whole run ends, so the stack outlives test classes.
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedKafkaStack.class, key -> new SharedKafkaStack.Handle(SharedKafkaStack.get()),
                        SharedKafkaStack.Handle.class)
                .stack();
    }
}
