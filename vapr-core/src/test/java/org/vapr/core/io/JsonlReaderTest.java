package org.vapr.core.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlReaderTest {
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    /** A line as (number, offset, text) for easy comparison. */
    record L(long number, long offset, String text) {
    }

    private List<L> read(byte[] content) throws IOException {
        Path f = dir.resolve("f.jsonl");
        Files.write(f, content);
        List<L> out = new ArrayList<>();
        try (JsonlReader r = JsonlReader.open(f)) {
            for (JsonlReader.Line l; (l = r.next()) != null; ) {
                out.add(new L(l.number(), l.byteOffset(), new String(l.bytes(), UTF_8)));
            }
            assertThat(r.next()).isNull();
        }
        return out;
    }

    @Test
    void plainLines() throws IOException {
        assertThat(read("{\"a\":1}\n{\"b\":2}\n".getBytes(UTF_8)))
                .containsExactly(new L(1, 0, "{\"a\":1}"), new L(2, 8, "{\"b\":2}"));
    }

    @Test
    void blankLinesAreSkippedButCounted() throws IOException {
        String s = "\n{\"a\":1}\n\n   \n\t\n{\"b\":2}\n\n";
        assertThat(read(s.getBytes(UTF_8)))
                .containsExactly(new L(2, 1, "{\"a\":1}"), new L(6, s.indexOf("{\"b\""), "{\"b\":2}"));
    }

    @Test
    void byteOrderMarkIsRemovedFromTheFirstLineOnly() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(BOM);
        b.writeBytes("{\"a\":1}\n".getBytes(UTF_8));
        b.writeBytes(BOM);
        b.writeBytes("x\n".getBytes(UTF_8));
        List<L> lines = read(b.toByteArray());
        assertThat(lines.get(0)).isEqualTo(new L(1, 3, "{\"a\":1}"));
        // a BOM later in the file is content, not a mark
        assertThat(lines.get(1).number()).isEqualTo(2);
        assertThat(lines.get(1).offset()).isEqualTo(11);
        assertThat(lines.get(1).text()).isEqualTo("\uFEFFx");
    }

    @Test
    void byteOrderMarkFollowedByBlankLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(BOM);
        b.writeBytes("\r\n{\"a\":1}".getBytes(UTF_8));
        assertThat(read(b.toByteArray())).containsExactly(new L(2, 5, "{\"a\":1}"));
    }

    @Test
    void crlfLineEnds() throws IOException {
        String s = "{\"a\":1}\r\n\r\n{\"b\":\"x\\r\"}\r\nlast\r\n";
        assertThat(read(s.getBytes(UTF_8))).containsExactly(
                new L(1, 0, "{\"a\":1}"),
                new L(3, 11, "{\"b\":\"x\\r\"}"),
                new L(4, s.indexOf("last"), "last"));
    }

    @Test
    void finalLineWithoutNewline() throws IOException {
        assertThat(read("{\"a\":1}\n{\"b\":2}".getBytes(UTF_8)))
                .containsExactly(new L(1, 0, "{\"a\":1}"), new L(2, 8, "{\"b\":2}"));
        assertThat(read("only".getBytes(UTF_8))).containsExactly(new L(1, 0, "only"));
    }

    @Test
    void emptyFile() throws IOException {
        assertThat(read(new byte[0])).isEmpty();
        assertThat(read("\n\n \r\n".getBytes(UTF_8))).isEmpty();
    }

    @Test
    void offsetsCountBytesNotCharacters() throws IOException {
        String first = "{\"v\":\"红色 café \uD83D\uDE00\"}";
        String s = first + "\n{\"w\":1}\n";
        int firstBytes = first.getBytes(UTF_8).length;
        assertThat(firstBytes).isGreaterThan(first.length());
        assertThat(read(s.getBytes(UTF_8)))
                .containsExactly(new L(1, 0, first), new L(2, firstBytes + 1, "{\"w\":1}"));
    }

    @Test
    void longLines() throws IOException {
        char[] big = new char[1_500_000];
        Arrays.fill(big, 'x');
        String longValue = "{\"v\":\"" + new String(big) + "\"}";
        String s = "{\"a\":1}\n" + longValue + "\n" + longValue + "y\n{\"b\":2}\n";
        List<L> lines = read(s.getBytes(UTF_8));
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1).text()).isEqualTo(longValue);
        assertThat(lines.get(1).offset()).isEqualTo(8);
        assertThat(lines.get(2).text()).isEqualTo(longValue + "y");
        assertThat(lines.get(2).offset()).isEqualTo(8 + longValue.length() + 1);
        assertThat(lines.get(3)).isEqualTo(new L(4, s.indexOf("{\"b\""), "{\"b\":2}"));
    }

    @Test
    void wrappedStreamCountsFromTheGivenOffset() throws IOException {
        byte[] bytes = "{\"a\":1}\n{\"b\":2}\n".getBytes(UTF_8);
        try (JsonlReader r = JsonlReader.of(new ByteArrayInputStream(bytes), 100)) {
            JsonlReader.Line a = r.next();
            JsonlReader.Line b = r.next();
            assertThat(a.byteOffset()).isEqualTo(100);
            assertThat(b.byteOffset()).isEqualTo(108);
            assertThat(b.number()).isEqualTo(2);
            assertThat(r.next()).isNull();
        }
    }
}
