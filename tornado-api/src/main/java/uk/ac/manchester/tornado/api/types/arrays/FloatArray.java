package uk.ac.manchester.tornado.api.types.arrays;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * A float array off the Java heap (see {@link TornadoNativeArray}). Memory is freed by the
 * garbage collector once the array is unreachable.
 */
public final class FloatArray extends TornadoNativeArray {
    private static final ValueLayout.OfFloat LAYOUT = ValueLayout.JAVA_FLOAT;

    /** A zero-filled array of {@code numberOfElements} elements. */
    public FloatArray(int numberOfElements) {
        super(numberOfElements, (int) LAYOUT.byteSize());
    }

    private FloatArray(MemorySegment segment) {
        super(segment, (int) LAYOUT.byteSize());
    }

    /** A new off-heap array with a copy of {@code values}. */
    public static FloatArray fromArray(float[] values) {
        FloatArray a = new FloatArray(values.length);
        MemorySegment.copy(values, 0, a.segment, LAYOUT, 0, values.length);
        return a;
    }

    public static FloatArray fromElements(float... values) {
        return fromArray(values);
    }

    /** An array over existing memory (no copy); its size is the segment's size in elements. */
    public static FloatArray fromSegment(MemorySegment segment) {
        return new FloatArray(segment);
    }

    public float get(int index) {
        return segment.getAtIndex(LAYOUT, checked(index));
    }

    public void set(int index, float value) {
        segment.setAtIndex(LAYOUT, checked(index), value);
    }

    /** Sets every element to {@code value}. */
    public void init(float value) {
        for (int i = 0; i < getSize(); i++) segment.setAtIndex(LAYOUT, i, value);
    }

    /** A copy of the elements on the Java heap. */
    public float[] toHeapArray() {
        float[] out = new float[getSize()];
        MemorySegment.copy(segment, LAYOUT, 0, out, 0, out.length);
        return out;
    }

    @Override
    public String toString() {
        return "FloatArray" + (getSize() <= 16 ? Arrays.toString(toHeapArray()) : "[size " + getSize() + "]");
    }
}
