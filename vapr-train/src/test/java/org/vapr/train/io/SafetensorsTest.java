package org.vapr.train.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.InputException;

class SafetensorsTest {
    @TempDir
    Path dir;

    @Test
    void f32RoundTripKeepsValuesShapesAndMetadataAndIsDeterministic() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> a = new LinkedHashMap<>();
            a.put("z.weight", m.create(new float[] {1.5f, -2f, 3.25f, 0f, 1e-8f, -7f}, new Shape(2, 3)));
            a.put("a.bias", m.create(new float[] {42f}, new Shape(1)));
            a.put("count", m.create(new int[] {7, 8}, new Shape(2)));
            Path f1 = dir.resolve("one.safetensors");
            Safetensors.write(f1, a, Map.of("format", "pt", "note", "x"));
            Map<String, NDArray> reversed = new LinkedHashMap<>();
            reversed.put("count", a.get("count"));
            reversed.put("a.bias", a.get("a.bias"));
            reversed.put("z.weight", a.get("z.weight"));
            Path f2 = dir.resolve("two.safetensors");
            Safetensors.write(f2, reversed, Map.of("note", "x", "format", "pt"));
            assertThat(Files.readAllBytes(f2)).isEqualTo(Files.readAllBytes(f1));
            long headerLength = ByteBuffer.wrap(Files.readAllBytes(f1), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertThat(headerLength % 8).isZero();

            Map<String, NDArray> back = Safetensors.read(f1, m);
            assertThat(back.keySet()).containsExactly("a.bias", "count", "z.weight");
            assertThat(back.get("z.weight").getShape()).isEqualTo(new Shape(2, 3));
            assertThat(back.get("z.weight").toFloatArray()).containsExactly(1.5f, -2f, 3.25f, 0f, 1e-8f, -7f);
            assertThat(back.get("count").getDataType()).isEqualTo(DataType.INT32);
            assertThat(back.get("count").toIntArray()).containsExactly(7, 8);
            assertThat(Safetensors.metadata(f1)).containsEntry("format", "pt").containsEntry("note", "x");
        }
    }

    @Test
    void readsF16AndBf16WrittenByteByByteAsFloat32() throws Exception {
        // F16 1.0 = 0x3C00, -2.0 = 0xC000, 0.5 = 0x3800; BF16 1.0 = 0x3F80, -3.0 = 0xC040, 0.15625 = 0x3E20
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,6]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1,3],\"data_offsets\":[6,12]},\"__metadata__\":{\"k\":\"v\"}}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
        out.write(json);
        out.write(new byte[] {0x00, 0x3C, 0x00, (byte) 0xC0, 0x00, 0x38});
        out.write(new byte[] {(byte) 0x80, 0x3F, 0x40, (byte) 0xC0, 0x20, 0x3E});
        Path f = dir.resolve("half.safetensors");
        Files.write(f, out.toByteArray());
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> t = Safetensors.read(f, m);
            assertThat(t.get("h").getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(t.get("h").toFloatArray()).containsExactly(1f, -2f, 0.5f);
            assertThat(t.get("b").getShape()).isEqualTo(new Shape(1, 3));
            assertThat(t.get("b").toFloatArray()).containsExactly(1f, -3f, 0.15625f);
        }
        assertThat(Safetensors.metadata(f)).containsExactly(Map.entry("k", "v"));
    }

    @Test
    void badFilesFailWithTheFileAndTensorNamed() throws Exception {
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2, 3});
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> Safetensors.read(tiny, m)).isInstanceOf(InputException.class)
                    .hasMessageContaining("tiny.safetensors");
            String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,8]}}";
            Path bad = dir.resolve("bad.safetensors");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length()).array());
            out.write(header.getBytes(StandardCharsets.UTF_8));
            out.write(new byte[8]);
            Files.write(bad, out.toByteArray());
            assertThatThrownBy(() -> Safetensors.read(bad, m)).isInstanceOf(InputException.class)
                    .hasMessageContaining("tensor w").hasMessageContaining("data_offsets");
        }
    }
}
