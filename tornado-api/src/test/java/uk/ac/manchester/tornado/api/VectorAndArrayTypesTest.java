package uk.ac.manchester.tornado.api;

import org.junit.jupiter.api.Test;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.vectors.Double4;
import uk.ac.manchester.tornado.api.types.vectors.Float16;
import uk.ac.manchester.tornado.api.types.vectors.Float3;
import uk.ac.manchester.tornado.api.types.vectors.Float4;
import uk.ac.manchester.tornado.api.types.vectors.Int8;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host-side value types of the API, against plain Java arithmetic. */
class VectorAndArrayTypesTest {
    @Test
    void float4Arithmetic() {
        Float4 a = new Float4(1, 2, 3, 4), b = new Float4(0.5f, -1, 2, 8);
        assertEquals(new Float4(1.5f, 1, 5, 12), Float4.add(a, b));
        assertEquals(new Float4(0.5f, -2, 6, 32), Float4.mult(a, b));
        assertEquals(0.5f - 2 + 6 + 32, Float4.dot(a, b));
        assertEquals(new Float4(1, 2, 3, 8), Float4.max(a, b));
        assertEquals(Math.fma(3f, 2f, 1f), Float4.fma(a, b, new Float4(1, 1, 1, 1)).getZ());
        assertEquals(10f, Float4.sum(a));
        assertEquals((float) Math.sqrt(30), Float4.length(a));
        a.setW(-1);
        assertEquals(-1f, a.get(3));
    }

    @Test
    void scalarOperandsAndLaneExtremes() {
        Float4 a = new Float4(1, -2, Float.NaN, 4);
        assertEquals(new Float4(0.5f, -2.5f, Float.NaN, 3.5f), Float4.sub(a, 0.5f));
        assertEquals(new Float4(0.5f, -1, Float.NaN, 2), Float4.div(a, 2f));
        assertEquals(Float.NaN, Float4.max(a), "Math.max: NaN wins");
        assertEquals(-2f, Float4.min(new Float4(1, -2, 0, 4)));
        assertEquals(-0f, Float4.min(new Float4(0f, -0f, 1, 2)), "Math.min: -0.0 < 0.0");
    }

    @Test
    void crossAndWideVectors() {
        assertEquals(new Float3(0, 0, 1), Float3.cross(new Float3(1, 0, 0), new Float3(0, 1, 0)));
        Int8 i = new Int8(1, 2, 3, 4, 5, 6, 7, 8);
        assertEquals(36, Int8.sum(i));
        assertEquals(7 / 2, Int8.div(i, new Int8(2, 2, 2, 2, 2, 2, 2, 2)).getS6());
        float[] values = new float[16];
        for (int k = 0; k < 16; k++) values[k] = k;
        Float16 f = Float16.fromArray(values);
        assertEquals(120f, Float16.sum(f));
        assertThrows(IllegalArgumentException.class, () -> Float16.fromArray(new float[3]));
        assertTrue(Double4.isEqual(Double4.sqrt(new Double4(4, 9, 16, 25)), new Double4(2, 3, 4, 5)));
    }

    @Test
    void loadAndStoreAtAnIndex() {
        FloatArray a = FloatArray.fromElements(0, 1, 2, 3, 4, 5, 6, 7);
        Float4 v = Float4.loadFromArray(a, 3);
        assertArrayEquals(new float[]{3, 4, 5, 6}, v.toArray());
        Float4.mult(v, 2f).storeToArray(a, 0);
        assertArrayEquals(new float[]{6, 8, 10, 12, 4, 5, 6, 7}, a.toHeapArray());
        float[] heap = new float[6];
        v.storeToArray(heap, 2);
        assertArrayEquals(new float[]{0, 0, 3, 4, 5, 6}, heap);
    }

    @Test
    void nativeArraysOverSegmentsAndAtomics() {
        IntArray counts = new IntArray(4);
        KernelContext ctx = new KernelContext();
        for (int k = 0; k < 10; k++) ctx.atomicAdd(counts, k % 4, 1);
        assertArrayEquals(new int[]{3, 3, 2, 2}, counts.toHeapArray());
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> ctx.atomicAdd(counts, 4, 1));
        FloatArray view = FloatArray.fromSegment(counts.getSegment());
        assertEquals(4, view.getSize());
        assertEquals(Float.intBitsToFloat(3), view.get(0));
    }

    @Test
    void gridsAndScheduler() {
        WorkerGrid g = new WorkerGrid2D(100, 30);
        assertEquals(null, g.getLocalWork());
        g.setLocalWork(16, 8, 1);
        assertArrayEquals(new long[]{7, 4}, g.getNumberOfWorkgroups());
        GridScheduler s = new GridScheduler("graph.task", g);
        assertTrue(s.contains("graph.task"));
        assertThrows(IllegalArgumentException.class, () -> g.setLocalWork(0, 1, 1));
    }
}
