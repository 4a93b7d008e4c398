package org.vapr.cli;

/** Entry point of the {@code vapr} jar. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(CommandLineFactory.create().execute(args));
    }
}
