package io.tunemeld.local.cli;

import io.tunemeld.local.Durations;
import io.tunemeld.local.bench.ApiBenchCommand;
import io.tunemeld.local.bench.PipelineBenchCommand;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./tunemeld}: the users' one entry point. */
@Command(name = "tunemeld", mixinStandardHelpOptions = true, version = "TuneMeld 0.1.0",
        description = "Aggregate music charts from the editorial playlists of Spotify, Apple Music and SoundCloud.",
        subcommands = {UpCommand.class, RunCommand.class, StatusCommand.class, ConfigCommand.class, ValidateCommand.class, LagCommand.class, DltCommand.class, ReplayCommand.class, RepublishCommand.class,
                EnrichCommand.class, MatchReportCommand.class, ApiBenchCommand.class, PipelineBenchCommand.class})
public class TuneMeldCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line as operators meet it: a wrong argument is one line saying what is wrong and exit
     * code 2; a command that fails says why in one line and exits with 1 (no stack trace either way).
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new TuneMeldCli());
        cli.registerConverter(Duration.class, Durations::parse);
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine wrong = e.getCommandLine();
            String command = wrong.getCommandSpec().qualifiedName();
            wrong.getErr().println(command + ": " + e.getMessage());
            wrong.getErr().println("Try '" + command + " --help'.");
            return wrong.getCommandSpec().exitCodeOnInvalidInput();
        });
        cli.setExecutionExceptionHandler((e, failed, parsed) -> {
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + reason(e));
            return failed.getCommandSpec().exitCodeOnExecutionException();
        });
        return cli;
    }

    /** What went wrong, in a line: the failure's message and, where it says more, its cause's. */
    private static String reason(Throwable failure) {
        String reason = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
        Throwable cause = failure.getCause();
        if (cause != null && cause.getMessage() != null && !reason.contains(cause.getMessage())) {
            reason += ": " + cause.getMessage();
        }
        return reason.lines().findFirst().orElse(reason);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
