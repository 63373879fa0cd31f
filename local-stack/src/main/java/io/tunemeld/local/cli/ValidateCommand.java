package io.tunemeld.local.cli;

import io.tunemeld.local.ops.EffectiveConfig;
import io.tunemeld.local.ops.Validation;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check every endpoint and credential the configuration names (see 'config'), each with one cheap call:",
                "Kafka, the registry, PostgreSQL as each service's role, Redis, and the APIs whose credentials are set.",
                "Exits 1 when a check fails."})
public class ValidateCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return print(new Validation(EffectiveConfig.ofProcess()).run());
    }

    public static int print(List<Validation.Check> checks) {
        checks.forEach(check -> System.out.printf("  %-8s %s: %s%n", check.status(), check.what(), check.detail()));
        long failed = checks.stream().filter(c -> c.status() == Validation.Status.FAILED).count();
        System.out.println(failed == 0 ? "All configured endpoints and credentials answer." : failed + " check(s) failed.");
        return failed == 0 ? 0 : 1;
    }
}
