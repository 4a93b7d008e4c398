package org.vapr.analysis.read;

/** A record lacks a field or has one of the wrong type; the reader turns it into an {@code InputProblem}. */
final class FieldException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    FieldException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }
}
