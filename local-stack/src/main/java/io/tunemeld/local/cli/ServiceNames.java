package io.tunemeld.local.cli;

import io.tunemeld.local.ops.PipelineProgress;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** A service as named on the command line: in full ({@code aggregate-service}) or short ({@code aggregate}). */
final class ServiceNames {

    private static final String SUFFIX = "-service";

    private ServiceNames() {
    }

    /** The full name of the service meant, if it is one of these. */
    static Optional<String> resolve(String given, Collection<String> services) {
        String name = given.strip().toLowerCase(Locale.ROOT);
        String full = name.endsWith(SUFFIX) ? name : name + SUFFIX;
        return services.contains(full) ? Optional.of(full) : Optional.empty();
    }

    static String choices(Collection<String> services) {
        return services.stream().map(service -> service.substring(0, service.length() - SUFFIX.length())).collect(Collectors.joining(", "))
                + " (with or without " + SUFFIX + ")";
    }

    /** One of the services that consume the pipeline's topics (those a replay or a lag reading is about). */
    static final class Consuming implements CommandLine.ITypeConverter<String> {

        @Override
        public String convert(String value) {
            return resolve(value, PipelineProgress.INPUTS.keySet()).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "unknown service '" + value + "': one of " + choices(PipelineProgress.INPUTS.keySet())));
        }
    }
}
