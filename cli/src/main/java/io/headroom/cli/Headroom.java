package io.headroom.cli;

import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code headroom} command. Exit status: 0 success, 1 internal error, 2 bad input (with
 * {@code FILE:LINE:COL: PATH: message} lines on stderr and nothing written; also work beyond
 * {@code --max-events}), 3 an SLO missed under {@code --fail-on-slo}.
 */
@Command(name = "headroom", mixinStandardHelpOptions = true, versionProvider = Headroom.Version.class,
        description = "Capacity-planning and scaling simulator: play a load profile through a system design.")
public final class Headroom implements Runnable {
    /**
     * The commands, in the order {@code --help} lists them. Picocli builds a command's model (its
     * options, by reflection) when the command is added; a command line naming one command gets that
     * one only, which saves a start-up's tenth of a second. Anything else (help, no command, a
     * misspelt one) gets them all, so help and suggestions are as before.
     */
    private static final List<Class<?>> COMMANDS = List.of(RunCommand.class, ReportCommand.class, CheckCommand.class,
            LoadCommand.class, SweepCommand.class, MergeCommand.class, CompareCommand.class, CapacityCommand.class,
            ValidateCommand.class, CompareRunCommand.class, CalibrateCommand.class, AdviseCommand.class, CommitmentsCommand.class,
            DiffCommand.class, ExportCommand.class, ImportCommand.class, CommandLine.HelpCommand.class);

    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int BAD_INPUT = 2;
    public static final int SLO_MISSED = 3;
    /** A run's self-checks failed (conservation, Little's law): a bug of the simulator, whose results are not to be trusted. */
    public static final int SELF_CHECK_FAILED = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: run, report, check, load (see --help)");
    }

    public static void main(String[] args) {
        JitPolicy.start();
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line in-process (tests use this) and returns the exit status. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Headroom());
        Class<?> named = args.length == 0 ? null : COMMANDS.stream()
                .filter(c -> c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(args[0]))
                .findFirst().orElse(null);
        for (Class<?> c : named != null ? List.of(named) : COMMANDS) {
            cli.addSubcommand(c);
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, given) -> {
            // as picocli's own handler, but what the user typed is echoed escaped (an ESC sequence in an
            // argument would otherwise act on the terminal)
            CommandLine c = ex.getCommandLine();
            c.getErr().println(io.headroom.yaml.SafeText.escape(ex.getMessage()));
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr())) {
                c.usage(c.getErr());
            }
            c.getErr().flush();
            return c.getCommandSpec().exitCodeOnInvalidInput();
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof BadInputException bad) {
                for (InputError e : bad.errors()) {
                    err.println(e.format());
                }
                err.flush();
                return BAD_INPUT;
            }
            if (ex instanceof io.headroom.engine.EventBudgetExceeded over) {
                err.println("headroom: stopped: " + over.getMessage() + "; the estimate made before it started was too low."
                        + " Nothing was written. If the work is meant to be this long, raise the budget with --max-events "
                        + WorkBudget.suggestion(over.budget() * 10.0));
                err.flush();
                return BAD_INPUT;
            }
            if (ex instanceof java.nio.file.FileSystemException fs) {
                // the file system refused a file: made unwritable, or a folder put where a file goes, after the checks
                err.println("headroom: " + io.headroom.yaml.SafeText.escape(fs.getFile())
                        + (fs.getOtherFile() == null ? "" : " -> " + io.headroom.yaml.SafeText.escape(fs.getOtherFile())) + ": "
                        + io.headroom.yaml.SafeText.escape(reason(fs)));
                err.flush();
                return BAD_INPUT;
            }
            err.println("headroom: internal error: " + io.headroom.yaml.SafeText.escape(String.valueOf(ex)));
            if (System.getenv("HEADROOM_DEBUG") != null) {
                ex.printStackTrace(err);
            } else {
                err.println("(set HEADROOM_DEBUG=1 for the stack trace; please report it with the input files)");
            }
            err.flush();
            return INTERNAL_ERROR;
        });
        return cli.execute(args);
    }

    /** What the file system said, in words: some of Java's exceptions carry no reason of their own. */
    private static String reason(java.nio.file.FileSystemException e) {
        if (e.getReason() != null) {
            return e.getReason();
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof java.nio.file.DirectoryNotEmptyException) {
            return "a folder that is not empty";
        }
        return e.getClass().getSimpleName();
    }

    /** The version baked into the jar at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws Exception {
            Properties p = new Properties();
            try (InputStream in = Headroom.class.getResourceAsStream("/headroom-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"headroom " + p.getProperty("version", "unknown"), "Java " + System.getProperty("java.version")};
        }
    }
}
