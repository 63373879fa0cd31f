package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Prometheus alert rules in deploy/prometheus: valid ({@code promtool check rules}), each firing and
 * staying quiet as its unit tests say ({@code promtool test rules}), and reading only metrics the services
 * really export.
 */
class AlertRulesTest {

    private static final Path RULES = ComposeProject.ROOT.resolve("deploy/prometheus/tunemeld-alerts.yml");
    private static final Path TESTS = ComposeProject.ROOT.resolve("deploy/prometheus/tunemeld-alerts.test.yml");

    @Test
    void theRulesAreValidAndPassTheirUnitTests() throws Exception {
        Promtool promtool = Promtool.require(AlertRulesTest.class.getSimpleName());

        Promtool.Result check = promtool.run("check", "rules", RULES.toString());
        assertThat(check.code()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: " + rules().size() + " rules found");
        Promtool.Result test = promtool.run("test", "rules", TESTS.toString());
        assertThat(test.code()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertIsSeenFiringAndSeenQuietInTheUnitTests() throws Exception {
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        Map<String, Object> tests = new Yaml().load(Files.readString(TESTS));
        for (Map<String, Object> test : (List<Map<String, Object>>) tests.get("tests")) {
            for (Map<String, Object> expected : (List<Map<String, Object>>) test.get("alert_rule_test")) {
                List<?> alerts = (List<?>) expected.get("exp_alerts");
                (alerts == null || alerts.isEmpty() ? quiet : firing).add((String) expected.get("alertname"));
            }
        }
        Set<String> alerts = rules().stream().map(rule -> (String) rule.get("alert")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(firing).as("alerts a unit test sees firing").isEqualTo(alerts);
        assertThat(quiet).as("alerts a unit test sees quiet").isEqualTo(alerts);
    }

    @Test
    void theRulesReadOnlyMetricsTheServicesExport() throws Exception {
        LocalStack stack = SharedStack.get();
        Set<String> read = new TreeSet<>();
        for (Map<String, Object> rule : rules()) {
            read.addAll(PrometheusScrape.metricsIn((String) rule.get("expr")));
        }
        assertThat(read).as("metrics the rules read").hasSizeGreaterThanOrEqualTo(5);
        // the lag and dead-letter figures appear at the services' first refresh
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(PrometheusScrape.exported(stack)).containsAll(read));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() throws Exception {
        Map<String, Object> file = new Yaml().load(Files.readString(RULES));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }
}
