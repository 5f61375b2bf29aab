package uk.ac.manchester.tornado.api.types.arrays;

import java.lang.foreign.MemorySegment;

/**
 * An array of primitives off the Java heap, in a {@link MemorySegment}. The runtime hands the
 * segment's memory to the device driver (without a copy where the driver can use host memory),
 * and the JIT turns {@code get}, {@code set} and {@code getSize} into plain device memory accesses.
 */
public abstract sealed class TornadoNativeArray
        permits FloatArray, IntArray, DoubleArray, LongArray, ShortArray, ByteArray, CharArray {

    /** Number of elements. */
    public abstract int getSize();

    /** The memory of the elements (no header: element i is at byte offset i * getElementSize()). */
    public abstract MemorySegment getSegment();

    /** Size of the elements' memory in bytes. */
    public abstract long getNumBytesOfSegment();

    /** Same as {@link #getNumBytesOfSegment()}: this implementation keeps no header in the segment. */
    public long getNumBytesWithoutHeader() {
        return getNumBytesOfSegment();
    }

    /** Bytes per element. */
    public abstract int getElementSize();

    /** Sets every element to zero. */
    public abstract void clear();
}
