package hetero.model;

import java.util.Arrays;

/**
 * One named tensor position of a model, e.g. {@code encoder.layers.3.self_attn.wq}. Slots with the same
 * {@code storageKey} are the same array (sharing is aliasing); the storage key is derived from the
 * {@link BlockKey} the sharing scheme assigns, plus the tensor's role in the block.
 *
 * @param name       unique, stable name (also the safetensors name)
 * @param shape      row-major shape, e.g. [in, out] for a weight matrix
 * @param storageKey slots with equal keys alias one array
 * @param group      accounting group
 * @param init       initialization rule
 */
public record TensorSlot(String name, int[] shape, String storageKey, ParameterGroup group, Init init) {
    public TensorSlot {
        shape = shape.clone();
    }

    @Override
    public int[] shape() { return shape.clone(); }

    /** Number of float elements. */
    public long elements() {
        long n = 1;
        for (int s : shape) n *= s;
        return n;
    }

    @Override
    public String toString() { return name + Arrays.toString(shape) + " -> " + storageKey; }
}
