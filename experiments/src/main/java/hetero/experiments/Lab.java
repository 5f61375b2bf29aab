package hetero.experiments;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import hetero.experiments.results.Problems;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;

/**
 * The experiments CLI ({@code scripts/lab} runs it):
 * <pre>
 * java -cp 'experiments/target/classes:experiments/target/lib/*' hetero.experiments.Lab SUBCOMMAND ...
 * </pre>
 * Exit codes: 0 success, 1 a check failed (reproduce disagrees) or an unexpected error, 2 bad input
 * (nothing was written), an unwritable output included. To add a subcommand, write a picocli {@code @Command} class
 * ({@code Callable<Integer>}) and add it to the {@code subcommands} list below: one line.
 */
@Command(name = "lab", mixinStandardHelpOptions = true, version = "hetero lab, harness " + hetero.experiments.results.Environment.HARNESS_VERSION,
        description = "Sweeps, result CSVs, reproduction checks, plots and benchmarks for the hetero kernels.",
        subcommands = {
                SweepCommand.class,
                ReproduceCommand.class,
                PlotCommand.class,
                MergeCommand.class,
                KernelsCommand.class,
                DevicesCommand.class,
                BenchCommand.class,
                TuneCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Lab implements Runnable {
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call {@code commandLine().execute(args)} for exit codes. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Lab());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            String message = null;
            if (e instanceof BadInputException) message = e.getMessage();
            // An output the user pointed somewhere unwritable (a read-only folder, a path through a file): their input
            // to fix, not a bug to show as a stack trace.
            if (e instanceof UncheckedIOException u && u.getCause() instanceof FileSystemException f) {
                message = u.getMessage().replace(": " + f, "") + ": " + Problems.describe(f);
            }
            if (message != null) {
                PrintWriter err = cmd.getErr();
                err.println("lab " + cmd.getCommandName() + ": " + message);
                err.flush();
                return BAD_INPUT;
            }
            throw e;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
