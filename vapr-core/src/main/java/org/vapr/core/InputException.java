package org.vapr.core;

import java.util.Objects;

/**
 * A user error in an input (a missing file, a malformed record, a bad option value) as opposed to a bug.
 * Its message is one line that names the file, record and field; the CLI prints it without a stack trace.
 */
public class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient InputProblem problem;

    public InputException(InputProblem problem) {
        super(Objects.requireNonNull(problem).toLine());
        this.problem = problem;
    }

    public InputException(String message) {
        super(message);
        this.problem = null;
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
        this.problem = null;
    }

    /** The structured problem, when the error concerns one record; {@code null} otherwise. */
    public InputProblem problem() {
        return problem;
    }
}
