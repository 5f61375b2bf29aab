package hetero.model.io;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafeTensorsTest {

    /** Builds a file by hand: length, header (unpadded), then the floats. */
    static byte[] file(String header, float... data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        for (float f : data) b.putFloat(f);
        return b.array();
    }

    static void assertRefused(byte[] bytes, String expectedInMessage) {
        var e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.decode(bytes));
        assertTrue(e.getMessage().contains(expectedInMessage), () -> "'" + expectedInMessage + "' not in: " + e.getMessage());
    }

    @Test
    void readsAHandWrittenFile() {
        byte[] bytes = file("{\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"__metadata__\":{\"k\":\"v\"}}",
                1.5f, -2f, 3.25f);
        var c = SafeTensors.decode(bytes);
        assertArrayEquals(new float[] {1.5f, -2f}, c.tensors().get("a").data());
        assertArrayEquals(new float[] {3.25f}, c.tensors().get("b").data());
        assertArrayEquals(new int[] {2}, c.tensors().get("a").shape());
        assertEquals(Map.of("k", "v"), c.metadata());
    }

    @Test
    void roundTripKeepsValuesShapesMetadataAndAliasing() {
        float[] shared = {1f, 2f, 3f, 4f, 5f, 6f};
        float[] other = {Float.MIN_VALUE, -0f, Float.MAX_VALUE, Float.NaN};
        Map<String, SafeTensors.Tensor> in = new LinkedHashMap<>();
        in.put("x", new SafeTensors.Tensor(new int[] {2, 3}, shared));
        in.put("y", new SafeTensors.Tensor(new int[] {4}, other));
        in.put("x_again", new SafeTensors.Tensor(new int[] {2, 3}, shared));
        in.put("empty", new SafeTensors.Tensor(new int[] {0, 5}, new float[0]));
        byte[] bytes = SafeTensors.encode(in, Map.of("note", "hello \"world\""));

        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8, "data section stays 8-byte aligned");
        assertEquals(8 + headerLength + 4 * (6 + 4), bytes.length, "shared data is stored once");

        var out = SafeTensors.decode(bytes);
        assertEquals(Map.of("note", "hello \"world\""), out.metadata());
        assertSame(out.tensors().get("x").data(), out.tensors().get("x_again").data());
        assertArrayEquals(shared, out.tensors().get("x").data());
        assertArrayEquals(new int[] {2, 3}, out.tensors().get("x_again").shape());
        assertArrayEquals(other, out.tensors().get("y").data()); // bitwise for NaN/-0 via equals semantics
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(out.tensors().get("y").data()[1]));
        assertEquals(0, out.tensors().get("empty").data().length);
    }

    @Test
    void refusesTruncatedFiles() {
        Map<String, SafeTensors.Tensor> in = Map.of("w", new SafeTensors.Tensor(new int[] {3}, new float[] {1, 2, 3}));
        byte[] ok = SafeTensors.encode(in, Map.of());
        assertRefused(Arrays.copyOf(ok, ok.length - 4), "out of range");
        assertRefused(Arrays.copyOf(ok, 20), "beyond the file");
        assertRefused(Arrays.copyOf(ok, 5), "too short");
        byte[] trailing = Arrays.copyOf(ok, ok.length + 4);
        assertRefused(trailing, "trailing");
    }

    @Test
    void refusesCorruptHeaders() {
        String t = "{\"a\":{\"dtype\":\"%s\",\"shape\":%s,\"data_offsets\":%s}%s}";
        assertRefused(file(t.formatted("F99", "[2]", "[0,8]", ""), 1, 2), "unknown dtype");
        assertRefused(file(t.formatted("F16", "[4]", "[0,8]", ""), 1, 2), "not supported");
        assertRefused(file(t.formatted("F32", "[3]", "[0,8]", ""), 1, 2), "needs 12 bytes");
        assertRefused(file(t.formatted("F32", "[2]", "[0,16]", ""), 1, 2), "out of range");
        assertRefused(file(t.formatted("F32", "[2]", "[8,0]", ""), 1, 2), "out of range");
        assertRefused(file(t.formatted("F32", "[-2]", "[0,8]", ""), 1, 2), "bad shape");
        assertRefused(file(t.formatted("F32", "[2]", "[0,8]",
                ",\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}"), 1, 2, 3), "overlap");
        assertRefused(file(t.formatted("F32", "[1]", "[4,8]", ""), 1, 2), "holes");
        assertRefused(file(t.formatted("F32", "[2]", "[0,8]", ",\"__metadata__\":{\"alias:z\":\"nope\"}"), 1, 2),
                "missing tensor");
        assertRefused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]", 1, 2), "not valid JSON");
        assertRefused(file("[1,2]   ", 1, 2), "start with");
        byte[] negative = file("{}");
        ByteBuffer.wrap(negative).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1);
        assertRefused(negative, "header length");
    }

    /** A header with one tensor "a" whose fields are given as raw JSON text. */
    static byte[] oneTensor(String dtype, String shape, String offsets, float... data) {
        return file("{\"a\":{\"dtype\":" + dtype + ",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}}", data);
    }

    @Test
    void deepNestingIsRefusedWithoutStackOverflow() {
        String deep = "{\"a\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}";
        assertRefused(file(deep), "not valid JSON");
        assertRefused(file(deep), "nesting depth");
    }

    @Test
    void misspelledLiteralsAndJsonSyntaxErrorsAreRefused() {
        assertRefused(file("{\"__metadata__\":{\"k\":fals3}}"), "not valid JSON");
        assertRefused(file("{\"a\":1,\"a\":2}"), "Duplicate field");
        assertRefused(file("{\"a\":1,}"), "not valid JSON");
        assertRefused(file("{\"a\":1} {}"), "not valid JSON");
        assertRefused(file("{\"a\":[1 2]}"), "not valid JSON");
    }

    @Test
    void shapesWhoseElementCountOverflowsAreRefused() {
        // 2^30 * 2^30 * 16 = 2^64 elements: wraps to 0 in long arithmetic, which matched an empty data range
        assertRefused(oneTensor("\"F32\"", "[1073741824,1073741824,16]", "[0,0]"), "tensor 'a': shape");
        assertRefused(oneTensor("\"F32\"", "[1073741824,1073741824,16]", "[0,0]"), "more elements than a long");
        // 2^62 elements fit in a long but their bytes do not
        assertRefused(oneTensor("\"F32\"", "[2147483647,2147483647,2]", "[0,0]"), "more elements than a long");
        assertRefused(oneTensor("\"F32\"", "[4294967296]", "[0,0]"), "dimension 0");
        assertRefused(oneTensor("\"F32\"", "[2]", "[0,99999999999999999999]", 1, 2), "tensor 'a': data_offsets");
    }

    @Test
    void everyMalformedFieldIsNamedWithItsTensor() {
        assertRefused(oneTensor("7", "[2]", "[0,8]", 1, 2), "tensor 'a': dtype");
        assertRefused(oneTensor("\"F32\"", "\"2\"", "[0,8]", 1, 2), "tensor 'a': shape");
        assertRefused(oneTensor("\"F32\"", "[2.5]", "[0,8]", 1, 2), "tensor 'a': bad shape");
        assertRefused(oneTensor("\"F32\"", "[true]", "[0,8]", 1, 2), "tensor 'a': bad shape");
        assertRefused(oneTensor("\"F32\"", "[2]", "[0]", 1, 2), "tensor 'a': data_offsets");
        assertRefused(oneTensor("\"F32\"", "[2]", "[0,8.0]", 1, 2), "tensor 'a': data_offsets");
        assertRefused(oneTensor("\"F32\"", "[2]", "[-1,8]", 1, 2), "tensor 'a': data_offsets");
        assertRefused(file("{\"a\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 1, 2), "tensor 'a': dtype");
        assertRefused(file("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", 1, 2), "tensor 'a': shape");
        assertRefused(file("{\"a\":[]}", 1, 2), "tensor 'a': not an object");
        assertRefused(file("{\"__metadata__\":{\"k\":1}}"), "value of 'k'");
    }
}
