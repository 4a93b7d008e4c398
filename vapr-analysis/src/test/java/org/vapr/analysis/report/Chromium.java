package org.vapr.analysis.report;

import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium (Debian package {@code chromium}) with the flags of STACK.md, for checking pages as a person
 * would see them. Absent Chromium skips a test, except under CI ({@code CI=true}), where it fails it.
 */
final class Chromium {
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    private static final long TIMEOUT_S = 120;

    private final Path binary;

    private Chromium(Path binary) {
        this.binary = binary;
    }

    /** The browser, or a skipped test (outside CI) or a failed one (in CI) when there is none. */
    static Chromium require() {
        String override = System.getenv("VAPR_CHROMIUM");
        List<String> paths = new ArrayList<>();
        if (override != null && !override.isBlank()) {
            paths.add(override);
        }
        paths.addAll(CANDIDATES);
        for (String p : paths) {
            if (Files.isExecutable(Path.of(p))) {
                return new Chromium(Path.of(p));
            }
        }
        String why = "no Chromium found (looked at " + paths + "); install it with: apt-get install -y chromium";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(why + " (CI=true: the browser test must run in CI)");
        }
        Assumptions.abort(why);
        throw new AssertionError("unreachable");
    }

    /**
     * What Chromium made of a page.
     *
     * @param dom          the DOM after loading ({@code --dump-dom})
     * @param consoleLines the page's console messages and uncaught errors from Chromium's log
     */
    record Rendered(String dom, List<String> consoleLines) {
    }

    /** Loads {@code page} and returns its DOM and console output. */
    Rendered dumpDom(Path page) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("vapr-chromium");
        Path out = work.resolve("dom.html");
        Path err = work.resolve("stderr.txt");
        run(work, List.of("--enable-logging=stderr", "--v=0", "--dump-dom", page.toUri().toString()), out, err);
        List<String> console = new ArrayList<>();
        for (String line : Files.readAllLines(err)) {
            if (line.contains(":CONSOLE") || line.contains("Uncaught") || line.contains("Content Security Policy")) {
                console.add(line);
            }
        }
        return new Rendered(Files.readString(out), console);
    }

    /** A screenshot of {@code page} at the given window size. */
    BufferedImage screenshot(Path page, int width, int height) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("vapr-chromium");
        Path png = work.resolve("shot.png");
        run(work, List.of("--screenshot=" + png, "--window-size=" + width + "," + height, "--hide-scrollbars",
                page.toUri().toString()), work.resolve("out.txt"), work.resolve("stderr.txt"));
        if (!Files.isRegularFile(png)) {
            fail("Chromium wrote no screenshot; stderr:\n" + Files.readString(work.resolve("stderr.txt")));
        }
        return ImageIO.read(png.toFile());
    }

    private void run(Path work, List<String> args, Path out, Path err) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createDirectories(work.resolve("profile"))));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("Chromium did not finish within " + TIMEOUT_S + " s: " + cmd);
        }
        if (p.exitValue() != 0) {
            fail("Chromium exited with " + p.exitValue() + ": " + cmd + "\n" + Files.readString(err));
        }
    }
}
