package com.mintreu.engine.testing;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/** Runs each {@link EngineTest} once per database; engines are shared per class and database. */
final class EngineExtension implements TestTemplateInvocationContextProvider {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(EngineExtension.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getRequiredTestMethod().isAnnotationPresent(EngineTest.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return TestDatabase.kinds().stream().map(kind -> invocation(kind, context));
    }

    private static TestTemplateInvocationContext invocation(String kind, ExtensionContext context) {
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return "[" + kind + "]";
            }

            @Override
            public List<org.junit.jupiter.api.extension.Extension> getAdditionalExtensions() {
                return List.of(new ParameterResolver() {
                    @Override
                    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
                        return p.getParameter().getType() == TestEngine.class;
                    }

                    @Override
                    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
                        Class<?> testClass = e.getRequiredTestClass();
                        ExtensionContext.Store store = classContext(e).getStore(NS);
                        return store.computeIfAbsent(kind, k -> TestEngine.boot(kind, testClass), TestEngine.class);
                    }
                });
            }
        };
    }

    /** The class-level context: engines live as long as the test class. */
    private static ExtensionContext classContext(ExtensionContext e) {
        ExtensionContext c = e;
        while (c.getTestMethod().isPresent()) {
            c = c.getParent().orElseThrow();
        }
        return c;
    }
}
