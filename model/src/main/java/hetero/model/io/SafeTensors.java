package hetero.model.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes float32 tensors in the safetensors format (https://huggingface.co/docs/safetensors): an 8-byte
 * little-endian header length N, N bytes of UTF-8 JSON
 * {@code {"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {...}}}
 * (offsets relative to the data section), then the raw little-endian data.
 *
 * <p>Aliasing: when several names map to the same {@code float[]} object, the data is stored once under the first
 * name and each further name is recorded in {@code __metadata__} as {@code "alias:<name>": "<stored name>"}.
 * Other readers see a valid file with fewer tensors; {@link #read} restores the identical array for every alias.
 *
 * <p>Reading is strict: a header length beyond the file, malformed JSON, an unknown or non-F32 dtype, offsets out
 * of range, overlapping or leaving holes (the format requires a fully indexed buffer), shapes that do not match
 * the byte count, and dangling aliases are all refused with an {@link IllegalArgumentException}.
 * Files are read whole, so they are limited to 2 GiB.
 */
public final class SafeTensors {
    private SafeTensors() { }

    public static final String METADATA = "__metadata__";
    public static final String ALIAS_PREFIX = "alias:";
    /** The reference implementation refuses headers above 100 MB; so do we, before allocating them. */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    /** A safetensors header is two levels deep; anything far deeper is an attack or corruption, not a model. */
    static final int MAX_JSON_DEPTH = 64;

    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Set<String> KNOWN_DTYPES = Set.of("BOOL", "U8", "I8", "I16", "U16", "F16", "BF16", "I32",
            "U32", "F32", "F64", "I64", "U64", "F8_E4M3", "F8_E5M2", "F8_E8M0", "F4", "F6_E2M3", "F6_E3M2", "C64");

    /** A float32 tensor: row-major shape and its data (data.length == product of shape). */
    public record Tensor(int[] shape, float[] data) {
        public Tensor {
            long n = 1;
            for (int s : shape) {
                if (s < 0) throw new IllegalArgumentException("negative dimension in shape");
                n *= s;
            }
            if (n != data.length) throw new IllegalArgumentException(
                    "shape " + java.util.Arrays.toString(shape) + " needs " + n + " elements, data has " + data.length);
        }
    }

    /** Contents of a file: every name (aliases included) and the user metadata (alias entries removed). */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) { }

    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Files.write(file, encode(tensors, metadata));
    }

    public static Contents read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 8) throw new IllegalArgumentException(file + ": files above 2 GiB not supported");
        try {
            return decode(Files.readAllBytes(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static byte[] encode(Map<String, Tensor> tensors, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = JSON.createObjectNode();
        for (var e : metadata.entrySet()) {
            if (e.getKey().startsWith(ALIAS_PREFIX) || e.getKey().equals(METADATA))
                throw new IllegalArgumentException("metadata key '" + e.getKey() + "' is reserved");
            meta.put(e.getKey(), e.getValue());
        }
        Map<float[], String> storedAs = new IdentityHashMap<>();
        List<float[]> stored = new ArrayList<>();
        long offset = 0;
        for (var e : tensors.entrySet()) {
            String name = e.getKey();
            if (name.equals(METADATA)) throw new IllegalArgumentException("tensor name '" + METADATA + "' is reserved");
            float[] data = e.getValue().data();
            String first = storedAs.putIfAbsent(data, name);
            if (first != null) {
                if (!java.util.Arrays.equals(e.getValue().shape(), tensors.get(first).shape()))
                    throw new IllegalArgumentException("alias '" + name + "' of '" + first + "' has a different shape");
                meta.put(ALIAS_PREFIX + name, first);
                continue;
            }
            long bytes = (long) data.length * Float.BYTES;
            ObjectNode entry = header.putObject(name);
            entry.put("dtype", "F32");
            ArrayNode shape = entry.putArray("shape");
            for (int s : e.getValue().shape()) shape.add(s);
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            stored.add(data);
            offset += bytes;
        }
        if (!meta.isEmpty()) header.set(METADATA, meta);
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(header);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write the safetensors header", e);
        }
        int padded = (json.length + 7) / 8 * 8; // spaces keep the data 8-byte aligned, as the format allows
        long total = 8L + padded + offset;
        if (total > Integer.MAX_VALUE) throw new IllegalArgumentException("more than 2 GiB of tensors");
        ByteBuffer buf = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) buf.put((byte) ' ');
        for (float[] data : stored) { // a float view does not advance buf, so advance it by hand
            buf.asFloatBuffer().put(data);
            buf.position(buf.position() + data.length * Float.BYTES);
        }
        return buf.array();
    }

    public static Contents decode(byte[] file) {
        if (file.length < 8) throw new IllegalArgumentException(
                "truncated: " + file.length + " bytes, too short for the 8-byte header length");
        ByteBuffer buf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buf.getLong(0);
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > file.length - 8L)
            throw new IllegalArgumentException("header length " + headerLength + " is invalid or beyond the file ("
                    + (file.length - 8) + " bytes after the length field); the file is corrupt or truncated");
        String headerText = new String(file, 8, (int) headerLength, StandardCharsets.UTF_8);
        if (!headerText.startsWith("{")) throw new IllegalArgumentException("header does not start with '{'");
        JsonNode parsed;
        try {
            parsed = JSON.readTree(headerText);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("header is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at offset " + e.getLocation().getCharOffset()), e);
        }
        if (!(parsed instanceof ObjectNode header)) throw new IllegalArgumentException("header is not a JSON object");

        int dataStart = 8 + (int) headerLength;
        long dataLength = file.length - dataStart;
        record Entry(String name, int[] shape, long begin, long end) { }
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (var e : header.properties()) {
            String name = e.getKey();
            if (name.equals(METADATA)) {
                if (!(e.getValue() instanceof ObjectNode meta)) throw new IllegalArgumentException(METADATA + " is not an object");
                for (var m : meta.properties()) {
                    if (!m.getValue().isTextual())
                        throw new IllegalArgumentException(METADATA + " value of '" + m.getKey() + "' is not a string");
                    metadata.put(m.getKey(), m.getValue().textValue());
                }
                continue;
            }
            if (!(e.getValue() instanceof ObjectNode info)) throw new IllegalArgumentException("tensor '" + name + "': not an object");
            JsonNode dtype = info.get("dtype");
            if (dtype == null || !dtype.isTextual()) throw new IllegalArgumentException("tensor '" + name + "': dtype missing or not a string");
            String dt = dtype.textValue();
            if (!KNOWN_DTYPES.contains(dt)) throw new IllegalArgumentException("tensor '" + name + "': unknown dtype '" + dt + "'");
            if (!dt.equals("F32")) throw new IllegalArgumentException(
                    "tensor '" + name + "': dtype " + dt + " is not supported (only F32)");
            int[] shape = shape(name, info.get("shape"));
            long[] offsets = offsets(name, info.get("data_offsets"));
            if (offsets[0] > offsets[1] || offsets[1] > dataLength) throw new IllegalArgumentException("tensor '" + name
                    + "': data_offsets [" + offsets[0] + ", " + offsets[1] + "] out of range of the " + dataLength
                    + "-byte data section (corrupt or truncated file)");
            long bytes;
            try {
                long elements = 1;
                for (int s : shape) elements = Math.multiplyExact(elements, (long) s);
                bytes = Math.multiplyExact(elements, (long) Float.BYTES);
            } catch (ArithmeticException overflow) {
                throw new IllegalArgumentException("tensor '" + name + "': shape " + java.util.Arrays.toString(shape)
                        + " has more elements than a long can count", overflow);
            }
            if (bytes != offsets[1] - offsets[0]) throw new IllegalArgumentException("tensor '" + name
                    + "': shape " + java.util.Arrays.toString(shape) + " needs " + bytes
                    + " bytes but data_offsets cover " + (offsets[1] - offsets[0]));
            entries.add(new Entry(name, shape, offsets[0], offsets[1]));
        }

        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        for (Entry en : byOffset) {
            if (en.begin() < covered) throw new IllegalArgumentException(
                    "tensor '" + en.name() + "': data_offsets overlap another tensor");
            if (en.begin() > covered) throw new IllegalArgumentException("data bytes " + covered + ".." + en.begin()
                    + " belong to no tensor (holes are not allowed)");
            covered = en.end();
        }
        if (covered != dataLength) throw new IllegalArgumentException("data section has " + dataLength
                + " bytes but tensors cover " + covered + " (trailing bytes are not allowed)");

        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry en : entries) {
            float[] data = new float[(int) ((en.end() - en.begin()) / Float.BYTES)];
            buf.slice(dataStart + (int) en.begin(), (int) (en.end() - en.begin()))
                    .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
            tensors.put(en.name(), new Tensor(en.shape(), data));
        }
        Map<String, String> userMetadata = new LinkedHashMap<>();
        for (var m : metadata.entrySet()) {
            if (!m.getKey().startsWith(ALIAS_PREFIX)) { userMetadata.put(m.getKey(), m.getValue()); continue; }
            String alias = m.getKey().substring(ALIAS_PREFIX.length());
            Tensor target = tensors.get(m.getValue());
            if (target == null || !header.has(m.getValue())) throw new IllegalArgumentException(
                    "alias '" + alias + "' refers to missing tensor '" + m.getValue() + "'");
            if (header.has(alias) || tensors.containsKey(alias))
                throw new IllegalArgumentException("alias '" + alias + "' clashes with a stored tensor or alias");
            tensors.put(alias, target);
        }
        return new Contents(Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(userMetadata));
    }

    private static int[] shape(String name, JsonNode value) {
        if (value == null || !value.isArray()) throw new IllegalArgumentException("tensor '" + name + "': shape missing or not an array");
        int[] shape = new int[value.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = value.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 0)
                throw new IllegalArgumentException("tensor '" + name + "': bad shape " + value
                        + " (dimension " + i + " must be an integer in 0.." + Integer.MAX_VALUE + ")");
            shape[i] = d.intValue();
        }
        return shape;
    }

    private static long[] offsets(String name, JsonNode value) {
        if (value == null || !value.isArray() || value.size() != 2 || !isNonNegativeLong(value.get(0)) || !isNonNegativeLong(value.get(1)))
            throw new IllegalArgumentException("tensor '" + name + "': data_offsets must be [begin, end] (non-negative integers), got " + value);
        return new long[] {value.get(0).longValue(), value.get(1).longValue()};
    }

    private static boolean isNonNegativeLong(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0;
    }
}
