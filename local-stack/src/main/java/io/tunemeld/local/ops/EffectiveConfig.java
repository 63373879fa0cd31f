package io.tunemeld.local.ops;

import io.tunemeld.local.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * What each service would run with in this environment: every setting its {@code <service>.yml} (and the
 * shared {@code tunemeld-platform.yml}) takes from an environment variable, resolved the way Spring
 * resolves it, read from the very files the services use, so it cannot drift from them.
 */
public final class EffectiveConfig {

    public static final String SHARED = "tunemeld-platform";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    private static final Pattern SECRET = Pattern.compile("(?i).*(key|secret|password|token).*");

    /**
     * One setting.
     *
     * @param variable the environment variable it is taken from
     * @param fromEnvironment the variable is set (else the default applies)
     */
    public record Setting(String file, String property, String variable, String value, boolean fromEnvironment) {

        boolean secret() {
            return SECRET.matcher(property).matches();
        }

        boolean unset() {
            return value == null || value.isBlank();
        }

        /** The value as it may be shown: a secret only as set or unset. */
        public String shown() {
            if (unset()) {
                return "(unset)";
            }
            return secret() ? "*** (set)" : value;
        }
    }

    private final Map<String, String> environment;
    private final StandardEnvironment resolver = new StandardEnvironment();
    private final Map<String, List<Setting>> byFile = new LinkedHashMap<>();

    public EffectiveConfig(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        // only the given variables: the process's own stay out, so a test can pass its own
        resolver.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        resolver.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        resolver.getPropertySources().addFirst(new MapPropertySource("environment", Map.copyOf(environment)));
        for (String file : files()) {
            byFile.put(file, load(file));
        }
    }

    public static EffectiveConfig ofProcess() {
        return new EffectiveConfig(System.getenv());
    }

    /** The shared file first, then each service's, in start order. */
    static List<String> files() {
        List<String> files = new ArrayList<>(List.of(SHARED));
        files.addAll(LocalStack.serviceNames());
        return files;
    }

    public Map<String, List<Setting>> byFile() {
        return byFile;
    }

    /** A setting by its variable, as the first file that reads it has it. */
    Optional<Setting> variable(String name) {
        return byFile.values().stream().flatMap(List::stream).filter(s -> s.variable().equals(name)).findFirst();
    }

    /** The value of a variable as the services see it: set, else the files' default; empty when neither. */
    String value(String name) {
        return variable(name).map(Setting::value).filter(v -> !v.isBlank()).orElse(null);
    }

    /** The secrets set in the environment, to mask in what is shown (a default is in the files for all to read). */
    List<String> secrets() {
        return byFile.values().stream().flatMap(List::stream).filter(Setting::secret).filter(Setting::fromEnvironment)
                .filter(s -> !s.unset()).map(Setting::value).distinct().toList();
    }

    private List<Setting> load(String file) {
        List<Setting> settings = new ArrayList<>();
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(file, new ClassPathResource(file + ".yml"))) {
                if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
                    continue;
                }
                for (String property : enumerable.getPropertyNames()) {
                    String raw = String.valueOf(enumerable.getProperty(property));
                    Matcher matcher = VARIABLE.matcher(raw);
                    if (matcher.find()) {
                        String variable = matcher.group(1);
                        settings.add(new Setting(file, property, variable, resolver.resolvePlaceholders(raw),
                                environment.containsKey(variable)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ".yml", e);
        }
        return settings;
    }
}
