package io.tunemeld.local;

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
        System.exit(new CommandLine(new TuneMeldCli()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
