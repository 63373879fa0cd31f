package io.tunemeld.local.cli;

import io.tunemeld.local.ops.EffectiveConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Show the configuration each service would run with in this environment: every setting taken from an",
                "environment variable, its value (secrets only as set or unset) and whether the variable or the default gave it."})
public class ConfigCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        print(EffectiveConfig.ofProcess());
        return 0;
    }

    public static void print(EffectiveConfig config) {
        // columns as wide as their longest entry, so the longest property names line up too
        List<EffectiveConfig.Setting> all = config.byFile().values().stream().flatMap(List::stream).toList();
        String row = "  %-" + all.stream().mapToInt(s -> s.property().length()).max().orElse(1) + "s %-"
                + all.stream().mapToInt(s -> variable(s).length()).max().orElse(1) + "s %s%n";
        for (Map.Entry<String, List<EffectiveConfig.Setting>> file : config.byFile().entrySet()) {
            System.out.println(EffectiveConfig.SHARED.equals(file.getKey()) ? "every service (" + file.getKey() + ".yml)"
                    : file.getKey() + " (" + file.getKey() + ".yml)");
            for (EffectiveConfig.Setting setting : file.getValue()) {
                System.out.printf(row, setting.property(), variable(setting), setting.shown());
            }
        }
    }

    private static String variable(EffectiveConfig.Setting setting) {
        return setting.variable() + (setting.fromEnvironment() ? "" : " (default)");
    }
}
