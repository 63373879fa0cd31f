package io.tunemeld.schemas;

import io.apicurio.registry.client.RegistryClientFactory;
import io.apicurio.registry.client.common.RegistryClientOptions;
import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.groups.item.artifacts.item.WithArtifactItemRequestBuilder;
import io.apicurio.registry.rest.client.models.CreateArtifact;
import io.apicurio.registry.rest.client.models.CreateRule;
import io.apicurio.registry.rest.client.models.CreateVersion;
import io.apicurio.registry.rest.client.models.IfArtifactExists;
import io.apicurio.registry.rest.client.models.ProblemDetails;
import io.apicurio.registry.rest.client.models.Rule;
import io.apicurio.registry.rest.client.models.RuleType;
import io.apicurio.registry.rest.client.models.RuleViolationProblemDetails;
import io.apicurio.registry.rest.client.models.VersionContent;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;

/**
 * The deploy step that puts every event schema into the registry before a service runs. Producers never
 * register (see {@link AvroSerdes}): they find their schema by its content, so a schema that was not
 * deployed, or that the registry's compatibility rule refused, cannot reach a topic. Each subject gets the
 * rule {@value #COMPATIBILITY}: a replay reads every version ever written, and consumers not yet upgraded
 * read what upgraded producers write. Running it again changes nothing; a changed schema becomes the
 * subject's next version if the rule allows it.
 *
 * <p>From any service image: {@code java -cp '/app/BOOT-INF/lib/*' io.tunemeld.schemas.SchemaRegistration <registry-url>}.
 */
public final class SchemaRegistration {

    public static final String COMPATIBILITY = "FULL_TRANSITIVE";
    /** The group the serdes look subjects up in when none is configured. */
    static final String GROUP = "default";
    /** Services that replay on request, each through its own control topic. */
    static final List<String> REPLAYING_SERVICES = List.of("normalizer-service", "track-service", "aggregate-service", "cache-service");

    private SchemaRegistration() {
    }

    /** Every subject a TuneMeld producer writes ({@code <topic>-value}), with its schema; dead-letter topics included. */
    public static Map<String, Schema> subjects() {
        Map<String, Schema> subjects = new LinkedHashMap<>();
        Topics.ALL.forEach(topic -> {
            subjects.put(subject(topic.name()), topic.schema());
            subjects.put(subject(topic.deadLetter().name()), topic.schema());
        });
        REPLAYING_SERVICES.stream().map(Topics::replayRequests).forEach(topic -> subjects.put(subject(topic.name()), topic.schema()));
        return subjects;
    }

    /** The subject of a topic's values (TopicNameStrategy, as the serdes use it). */
    public static String subject(String topic) {
        return topic + "-value";
    }

    /**
     * Registers {@link #subjects()} with the registry at {@code registryBaseUrl} and sets each one's
     * compatibility rule; returns each subject's version that holds its schema now.
     *
     * @throws IllegalStateException naming the subject and the registry's reason when one is refused
     */
    public static Map<String, String> register(String registryBaseUrl) {
        return register(registryBaseUrl, subjects());
    }

    /** Registers these subjects' schemas, as {@link #register(String)} does. */
    public static Map<String, String> register(String registryBaseUrl, Map<String, Schema> subjects) {
        Vertx vertx = Vertx.vertx();
        try {
            RegistryClient client = RegistryClientFactory.create(RegistryClientOptions.create(
                    AvroSerdes.registryApiUrl(registryBaseUrl), vertx));
            Map<String, String> versions = new LinkedHashMap<>();
            subjects.forEach((subject, schema) -> versions.put(subject, register(client, subject, schema)));
            return versions;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    private static String register(RegistryClient client, String subject, Schema schema) {
        WithArtifactItemRequestBuilder artifact = client.groups().byGroupId(GROUP).artifacts().byArtifactId(subject);
        try {
            boolean existed = artifactExists(artifact);
            // on an existing subject the rule first, so that the new version is checked against it
            if (existed) {
                setCompatibility(artifact, artifact.rules().get());
            }
            CreateArtifact create = new CreateArtifact();
            create.setArtifactId(subject);
            create.setArtifactType("AVRO");
            VersionContent content = new VersionContent();
            // the very text the serdes send when they look their schema up by content
            content.setContent(schema.toString());
            content.setContentType("application/json");
            CreateVersion version = new CreateVersion();
            version.setContent(content);
            create.setFirstVersion(version);
            var created = client.groups().byGroupId(GROUP).artifacts().post(create,
                    config -> config.queryParameters.ifExists = IfArtifactExists.FIND_OR_CREATE_VERSION);
            if (!existed) {
                setCompatibility(artifact, List.of());
            }
            return created.getVersion().getVersion();
        } catch (RuleViolationProblemDetails refused) {
            throw new IllegalStateException("the registry refused the schema of " + subject + ": " + refused.getDetail()
                    + causes(refused), refused);
        } catch (ProblemDetails problem) {
            throw new IllegalStateException("registering " + subject + " failed: " + problem.getTitle() + " " + problem.getDetail(), problem);
        }
    }

    private static boolean artifactExists(WithArtifactItemRequestBuilder artifact) {
        try {
            artifact.get();
            return true;
        } catch (ProblemDetails absent) {
            if (absent.getStatus() != null && absent.getStatus() == 404) {
                return false;
            }
            throw absent;
        }
    }

    private static void setCompatibility(WithArtifactItemRequestBuilder artifact, List<RuleType> rules) {
        if (rules.contains(RuleType.COMPATIBILITY)) {
            Rule rule = new Rule();
            rule.setRuleType(RuleType.COMPATIBILITY);
            rule.setConfig(COMPATIBILITY);
            artifact.rules().byRuleType(RuleType.COMPATIBILITY.getValue()).put(rule);
        } else {
            CreateRule rule = new CreateRule();
            rule.setRuleType(RuleType.COMPATIBILITY);
            rule.setConfig(COMPATIBILITY);
            artifact.rules().post(rule);
        }
    }

    private static String causes(RuleViolationProblemDetails refused) {
        return refused.getCauses() == null ? ""
                : refused.getCauses().stream().map(c -> c.getContext() + ": " + c.getDescription()).toList().toString();
    }

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : System.getenv("REGISTRY_URL");
        if (url == null || url.isBlank()) {
            System.err.println("usage: SchemaRegistration <registry-url> (or REGISTRY_URL)");
            System.exit(2);
        }
        try {
            Map<String, String> versions = register(url);
            System.out.printf("%d subjects registered at %s, each with compatibility %s%n", versions.size(), url, COMPATIBILITY);
            versions.forEach((subject, version) -> System.out.printf("  %s: version %s%n", subject, version));
        } catch (RuntimeException e) {
            System.err.println("schema registration failed: " + e.getMessage());
            System.exit(1);
        }
    }
}
