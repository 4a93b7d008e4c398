package org.vapr.train.export;

import java.nio.charset.StandardCharsets;

/** One file an export writes: its name inside the output directory and its exact text. */
record GeneratedFile(String name, String text) {
    byte[] bytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
