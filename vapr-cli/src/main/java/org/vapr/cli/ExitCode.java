package org.vapr.cli;

/** The one map of process exit codes; also printed in every command's help. */
public final class ExitCode {
    /** Success. */
    public static final int OK = 0;
    /** An unexpected internal error (a bug): a stack trace is printed. */
    public static final int SOFTWARE = 1;
    /** Bad command-line usage: unknown option, missing or malformed value. */
    public static final int USAGE = 2;
    /** Bad input data: a missing or malformed input file, or a bad record in strict mode. */
    public static final int INPUT = 3;
    /** An output could not be written (permissions, disk full). */
    public static final int OUTPUT = 4;
    /** The LLM server refused the requests (400/401/403/404) or stayed unreachable after all retries. */
    public static final int REMOTE = 5;
    /** Training stopped by the divergence guard (NaN or infinite loss or gradient). */
    public static final int DIVERGED = 6;
    /** Interrupted (Ctrl-C). */
    public static final int INTERRUPTED = 130;

    /** Codes and meanings for picocli's exit-code help section, in order. */
    static final java.util.Map<String, String> HELP = help();

    private static java.util.Map<String, String> help() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put(" " + OK, "Success");
        m.put(" " + SOFTWARE, "Internal error (a bug; please report it with the stack trace)");
        m.put(" " + USAGE, "Usage error (unknown option, bad or missing value)");
        m.put(" " + INPUT, "Input error (missing or malformed input; bad record with --strict)");
        m.put(" " + OUTPUT, "Output error (cannot write the output)");
        m.put(" " + REMOTE, "Remote service refused or unreachable (LLM server: bad key, unknown model, retries exhausted)");
        m.put(" " + DIVERGED, "Training diverged (NaN or infinite loss or gradient)");
        m.put(String.valueOf(INTERRUPTED), "Interrupted");
        return java.util.Collections.unmodifiableMap(m);
    }

    private ExitCode() {
    }
}
