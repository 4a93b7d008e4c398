package org.vapr.eval;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Paths of the hand-made fixtures under {@code src/test/resources}. */
final class Fixtures {
    private Fixtures() {
    }

    static Path path(String resource) {
        try {
            return Path.of(Fixtures.class.getResource("/" + resource).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
