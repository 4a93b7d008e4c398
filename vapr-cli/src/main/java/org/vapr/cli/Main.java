package org.vapr.cli;

/** Entry point of the {@code vapr} jar. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // DJL (vapr-train's Hugging Face tokenizers) must never try to download anything: the native library ships in
        // the jar. -Dai.djl.offline=false on the java command line still wins.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        System.exit(CommandLineFactory.create().execute(args));
    }
}
