package org.vapr.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.vapr.core.InputException;
import picocli.CommandLine;

/**
 * Builds the one {@link CommandLine} for {@code vapr}: subcommands, exit-code mapping and error handling.
 * User errors become one line on stderr and an {@link ExitCode}; only internal errors print a stack trace.
 * Tests call {@link #create(PrintWriter, PrintWriter)} and run the real parser.
 */
public final class CommandLineFactory {
    private CommandLineFactory() {
    }

    /** A command line writing to the process's stdout and stderr. */
    public static CommandLine create() {
        return create(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** A command line writing to the given streams. */
    public static CommandLine create(PrintWriter out, PrintWriter err) {
        return create(out, err, System.getenv());
    }

    /**
     * A command line writing to the given streams and reading {@code OPENAI_API_KEY} and {@code OPENAI_BASE_URL}
     * from {@code environment} instead of the process's (for tests).
     */
    public static CommandLine create(PrintWriter out, PrintWriter err, java.util.Map<String, String> environment) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K k = defaults.create(cls);
                if (k instanceof BuildOptions.Editing e) {
                    e.environment = java.util.Map.copyOf(environment);
                }
                return k;
            }
        };
        CommandLine cl = new CommandLine(new VaprCommand(), factory);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExitCodeExceptionMapper(CommandLineFactory::exitCodeOf);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            int code = exitCodeOf(ex);
            if (code == ExitCode.SOFTWARE) {
                e.println("vapr: internal error: " + ex);
                ex.printStackTrace(e);
            } else {
                e.println("vapr " + commandLine.getCommandName() + ": " + messageOf(ex));
            }
            e.flush();
            return code;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter e = c.getErr();
            e.println("vapr " + c.getCommandName() + ": " + ex.getMessage());
            e.println("Try 'vapr " + qualifiedName(c) + " --help' for more information.");
            e.flush();
            return ExitCode.USAGE;
        });
        for (CommandLine sub : cl.getSubcommands().values()) {
            applyExitCodeHelp(sub);
        }
        applyExitCodeHelp(cl);
        return cl;
    }

    private static void applyExitCodeHelp(CommandLine c) {
        c.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.HELP);
        for (CommandLine sub : c.getSubcommands().values()) {
            applyExitCodeHelp(sub);
        }
    }

    private static String qualifiedName(CommandLine c) {
        String q = c.getCommandSpec().qualifiedName(" ");
        return q.startsWith("vapr ") ? q.substring(5) : q;
    }

    static int exitCodeOf(Throwable ex) {
        Throwable t = ex;
        while (t != null) {
            if (t instanceof InputException) {
                return ExitCode.INPUT;
            }
            if (t instanceof org.vapr.llm.LlmException) {
                return ExitCode.REMOTE;
            }
            if (t instanceof CommandLine.ParameterException || t instanceof IllegalArgumentException) {
                return ExitCode.USAGE;
            }
            if (t instanceof NoSuchFileException) {
                return ExitCode.INPUT;
            }
            if (t instanceof AccessDeniedException || t instanceof FileSystemException || t instanceof IOException) {
                return ExitCode.OUTPUT;
            }
            if (t instanceof InterruptedException) {
                return ExitCode.INTERRUPTED;
            }
            t = t instanceof UncheckedIOException ? t.getCause() : (t.getCause() == t ? null : t.getCause());
        }
        return ExitCode.SOFTWARE;
    }

    private static String messageOf(Throwable ex) {
        Throwable t = ex;
        while (t instanceof UncheckedIOException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof NoSuchFileException nsf) {
            return nsf.getFile() + ": no such file or directory";
        }
        if (t instanceof AccessDeniedException ade) {
            return ade.getFile() + ": permission denied";
        }
        if (t instanceof FileSystemException fse) {
            return fse.getFile() + ": " + (fse.getReason() == null ? fse.getClass().getSimpleName() : fse.getReason());
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
