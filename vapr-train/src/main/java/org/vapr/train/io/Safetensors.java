package org.vapr.train.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vapr.core.InputException;
import org.vapr.core.io.AtomicFiles;
import org.vapr.core.io.Json;

/**
 * Reads and writes the safetensors format (an 8-byte little-endian header length, a JSON header of
 * {@code dtype}/{@code shape}/{@code data_offsets} per tensor plus optional {@code __metadata__}, then the raw
 * little-endian data). Reading converts F16, BF16 and F64 to float32 in Java (DJL must never see BF16: it aborts
 * the JVM) and keeps I32/I64 as integers. Writing stores float tensors as F32 and integer tensors as I32/I64, in
 * sorted name order, so equal tensors give equal bytes.
 */
public final class Safetensors {
    /** The header key that carries string metadata. */
    public static final String METADATA_KEY = "__metadata__";
    private static final long MAX_HEADER = 100L << 20;

    private Safetensors() {
    }

    /** Every tensor of {@code file}, in header order, as arrays attached to {@code manager}. */
    public static Map<String, NDArray> read(Path file, NDManager manager) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Header header = readHeader(file, channel);
            long dataStart = 8 + header.headerLength;
            long dataLength = channel.size() - dataStart;
            Map<String, NDArray> out = new LinkedHashMap<>();
            for (Entry e : header.entries) {
                if (e.end > dataLength) {
                    throw new InputException(file + ": tensor " + e.name + ": data_offsets end " + e.end
                            + " is past the end of the data (" + dataLength + " bytes)");
                }
                ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(e.end - e.begin)).order(ByteOrder.LITTLE_ENDIAN);
                channel.read(bytes, dataStart + e.begin);
                while (bytes.hasRemaining()) {
                    if (channel.read(bytes, dataStart + e.begin + bytes.position()) < 0) {
                        throw new InputException(file + ": tensor " + e.name + ": file ends inside its data");
                    }
                }
                bytes.flip();
                out.put(e.name, decode(e, bytes, manager));
            }
            return out;
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
    }

    /** The {@code __metadata__} of {@code file} (empty when there is none). */
    public static Map<String, String> metadata(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(file, channel).metadata;
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
    }

    /**
     * Writes {@code tensors} to {@code file} atomically: float tensors as F32, INT32/INT64 tensors as I32/I64, names
     * sorted, header padded with spaces to a multiple of 8 bytes.
     */
    public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata) {
        TreeMap<String, NDArray> sorted = new TreeMap<>(tensors);
        Map<String, Object> header = new LinkedHashMap<>();
        if (metadata != null && !metadata.isEmpty()) {
            header.put(METADATA_KEY, new TreeMap<>(metadata));
        }
        List<byte[]> blobs = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, NDArray> e : sorted.entrySet()) {
            NDArray array = e.getValue();
            String dtype;
            byte[] data;
            DataType type = array.getDataType();
            if (type == DataType.INT32) {
                dtype = "I32";
                int[] v = array.toIntArray();
                ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.asIntBuffer().put(v);
                data = b.array();
            } else if (type == DataType.INT64) {
                dtype = "I64";
                long[] v = array.toLongArray();
                ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
                b.asLongBuffer().put(v);
                data = b.array();
            } else {
                dtype = "F32";
                float[] v = type == DataType.FLOAT32 ? array.toFloatArray()
                        : array.toType(DataType.FLOAT32, false).toFloatArray();
                ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(v);
                data = b.array();
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", dtype);
            entry.put("shape", array.getShape().getShape());
            entry.put("data_offsets", new long[] {offset, offset + data.length});
            header.put(e.getKey(), entry);
            blobs.add(data);
            offset += data.length;
        }
        byte[] json;
        try {
            json = Json.mapper().writeValueAsBytes(header);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = new byte[padded];
        System.arraycopy(json, 0, headerBytes, 0, json.length);
        for (int i = json.length; i < padded; i++) {
            headerBytes[i] = ' ';
        }
        AtomicFiles.writeUnchecked(file, out -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(len.array());
            out.write(headerBytes);
            for (byte[] blob : blobs) {
                out.write(blob);
            }
        });
    }

    private record Entry(String name, String dtype, long[] shape, long begin, long end) {
    }

    private record Header(long headerLength, List<Entry> entries, Map<String, String> metadata) {
    }

    private static Header readHeader(Path file, FileChannel channel) throws IOException {
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        if (channel.read(lenBuf, 0) != 8) {
            throw new InputException(file + ": not a safetensors file: shorter than the 8-byte header length");
        }
        long headerLength = lenBuf.getLong(0);
        if (headerLength <= 0 || headerLength > MAX_HEADER || headerLength > channel.size() - 8) {
            throw new InputException(file + ": not a safetensors file: header length " + headerLength
                    + " does not fit the file (" + channel.size() + " bytes)");
        }
        ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLength);
        channel.read(headerBuf, 8);
        JsonNode root;
        try {
            root = Json.mapper().readTree(new String(headerBuf.array(), StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new InputException(file + ": safetensors header is not valid JSON: " + ex.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new InputException(file + ": safetensors header is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String name = f.getKey();
            JsonNode node = f.getValue();
            if (METADATA_KEY.equals(name)) {
                node.properties().forEach(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            String where = file + ": tensor " + name + ": ";
            JsonNode dtype = node.get("dtype");
            JsonNode shape = node.get("shape");
            JsonNode offsets = node.get("data_offsets");
            if (dtype == null || !dtype.isTextual()) {
                throw new InputException(where + "field dtype is missing");
            }
            if (shape == null || !shape.isArray()) {
                throw new InputException(where + "field shape is missing");
            }
            if (offsets == null || !offsets.isArray() || offsets.size() != 2) {
                throw new InputException(where + "field data_offsets must be [begin, end]");
            }
            long[] dims = new long[shape.size()];
            long count = 1;
            for (int i = 0; i < dims.length; i++) {
                dims[i] = shape.get(i).asLong(-1);
                if (dims[i] < 0) {
                    throw new InputException(where + "field shape has a negative or non-integer dimension");
                }
                count *= dims[i];
            }
            long begin = offsets.get(0).asLong(-1);
            long end = offsets.get(1).asLong(-1);
            int size = elementSize(dtype.asText(), where);
            if (begin < 0 || end < begin || end - begin != count * size) {
                throw new InputException(where + "field data_offsets [" + begin + ", " + end + "] does not match "
                        + dtype.asText() + " shape " + shape);
            }
            entries.add(new Entry(name, dtype.asText(), dims, begin, end));
        }
        return new Header(headerLength, entries, metadata);
    }

    private static int elementSize(String dtype, String where) {
        return switch (dtype) {
            case "F32", "I32" -> 4;
            case "F16", "BF16" -> 2;
            case "F64", "I64" -> 8;
            default -> throw new InputException(where + "field dtype " + dtype
                    + " is not supported (F32, F16, BF16, F64, I32, I64)");
        };
    }

    private static NDArray decode(Entry e, ByteBuffer bytes, NDManager manager) {
        Shape shape = new Shape(e.shape);
        int n = (int) shape.size();
        switch (e.dtype) {
            case "F32" -> {
                float[] v = new float[n];
                bytes.asFloatBuffer().get(v);
                return manager.create(v, shape);
            }
            case "F16" -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = Float.float16ToFloat(bytes.getShort(2 * i));
                }
                return manager.create(v, shape);
            }
            case "BF16" -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = Float.intBitsToFloat((bytes.getShort(2 * i) & 0xFFFF) << 16);
                }
                return manager.create(v, shape);
            }
            case "F64" -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (float) bytes.getDouble(8 * i);
                }
                return manager.create(v, shape);
            }
            case "I32" -> {
                int[] v = new int[n];
                bytes.asIntBuffer().get(v);
                return manager.create(v, shape);
            }
            case "I64" -> {
                long[] v = new long[n];
                bytes.asLongBuffer().get(v);
                return manager.create(v, shape);
            }
            default -> throw new IllegalStateException(e.dtype);
        }
    }
}
