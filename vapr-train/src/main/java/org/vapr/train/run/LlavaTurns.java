package org.vapr.train.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vapr.core.InputException;
import org.vapr.core.io.LlavaReader;
import org.vapr.core.io.ReadItem;
import org.vapr.core.manifest.Tally;
import org.vapr.core.record.LlavaRecord;
import org.vapr.core.record.Message;

/**
 * Reads a LLaVA-format corpus into SFT turns: every human turn followed by a gpt turn, in records whose image exists,
 * becomes one row (earlier turns are not kept as context). Skipped records are counted by reason:
 * {@code bad_record}, {@code no_image} (text-only), {@code missing_image}, and skipped turns as
 * {@code unpaired_turn}.
 */
public final class LlavaTurns {
    private LlavaTurns() {
    }

    /**
     * @param file    the corpus (JSON array or JSON Lines)
     * @param images  the image root the records' {@code image} paths are relative to
     * @param skipped receives the skip counts
     */
    public static List<QaTurn> read(Path file, Path images, Tally skipped) throws IOException {
        List<QaTurn> turns = new ArrayList<>();
        try (LlavaReader reader = LlavaReader.open(file)) {
            for (ReadItem item = reader.next(); item != null; item = reader.next()) {
                if (item instanceof ReadItem.Bad bad) {
                    if (bad.fatal()) {
                        throw new InputException(bad.problem());
                    }
                    skipped.add("bad_record");
                    continue;
                }
                LlavaRecord r = ((ReadItem.Ok) item).record();
                if (!r.hasImage()) {
                    skipped.add("no_image");
                    continue;
                }
                Path image = images.resolve(r.image());
                if (!Files.isRegularFile(image)) {
                    skipped.add("missing_image");
                    continue;
                }
                List<Message> c = r.conversations();
                int turn = 0;
                for (int i = 0; i < c.size(); i++) {
                    if (c.get(i).isHuman() && i + 1 < c.size() && !c.get(i + 1).isHuman()) {
                        turns.add(new QaTurn(r.id() + "#" + turn, image, c.get(i).value(), c.get(i + 1).value()));
                        turn++;
                        i++;
                    } else {
                        skipped.add("unpaired_turn");
                    }
                }
            }
        }
        return turns;
    }
}
