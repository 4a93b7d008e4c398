package org.vapr.train.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a small directory shaped like the output of {@code vapr build}: 40 pairs, images under {@code world/}. */
final class BuildDirFixture {
    static final int PAIRS = 40;

    private BuildDirFixture() {
    }

    static Path write(Path root) throws IOException {
        Path dir = root.resolve("vapr");
        Path images = root.resolve("world");
        Files.createDirectories(dir.resolve("llamafactory"));
        Files.createDirectories(dir.resolve("trl"));
        Files.createDirectories(images.resolve("images"));
        StringBuilder lf = new StringBuilder("[\n");
        StringBuilder trl = new StringBuilder();
        for (int i = 0; i < PAIRS; i++) {
            String img = "images/%06d.png".formatted(i);
            lf.append(i == 0 ? "" : ",\n").append("""
                    {"conversations":[{"from":"human","value":"<image>What color is the square?"}],\
                    "chosen":{"from":"gpt","value":"The square is red."},\
                    "rejected":{"from":"gpt","value":"The square is blue."},"images":["%s"]}""".formatted(img));
            trl.append("""
                    {"images":["%s"],"prompt":[{"role":"user","content":[{"type":"image"},{"type":"text","text":"What color?"}]}],\
                    "chosen":[{"role":"assistant","content":[{"type":"text","text":"Red."}]}],\
                    "rejected":[{"role":"assistant","content":[{"type":"text","text":"Blue."}]}]}
                    """.formatted(img));
        }
        lf.append("\n]\n");
        Files.writeString(dir.resolve("llamafactory/vapr.json"), lf);
        Files.writeString(dir.resolve("trl/train.jsonl"), trl);
        Files.writeString(dir.resolve("llamafactory/dataset_info.json"), """
                {
                  "vapr" : {
                    "columns" : {"chosen" : "chosen", "images" : "images", "messages" : "conversations", "rejected" : "rejected"},
                    "file_name" : "vapr.json",
                    "formatting" : "sharegpt",
                    "ranking" : true
                  }
                }
                """);
        Files.writeString(dir.resolve("manifest.json"), """
                {"tool":"vapr","command":"build","options":{"images":"%s","seed":42}}
                """.formatted(images.toString().replace("\\", "\\\\")));
        return dir;
    }
}
