package io.tunemeld.local;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a test class needs of the shared stack from the moment it starts: service properties (its own
 * genres' settings, say) and answers of the music APIs' stand-in that the pipeline may ask for before the
 * class's tests run, when another class ingests first. The stack starts once per test JVM, so every class
 * of the test plan contributes before it starts ({@link SharedStackSession}); a class whose setup the
 * running stack lacks fails before its tests, saying so.
 */
@Retention(RUNTIME)
@Target(TYPE)
@ExtendWith(StackSetup.Check.class)
public @interface StackSetup {

    /** Service properties, {@code name=value}, given to every service of the stack. */
    String[] properties() default {};

    /** Stubs registered on the music APIs' stand-in before the stack starts. */
    Class<? extends Stubs>[] stubs() default {};

    /** Answers the music APIs' stand-in gives; a class of them needs a constructor without arguments. */
    interface Stubs {
        void register(WireMockServer musicApis);
    }

    /** Fails a class whose setup the shared stack did not start with. */
    final class Check implements BeforeAllCallback {

        @Override
        public void beforeAll(ExtensionContext context) {
            SharedStack.requireSetup(context.getRequiredTestClass());
        }
    }
}
