package hetero.runtime.backend;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The device buffers of one session, keyed by host-array identity (one Java array is one buffer),
 * and the bytes they hold now: every buffer is counted when it is added and uncounted when it is
 * freed, so the count that out-of-memory messages and profiles report is never a running total.
 *
 * @param <B> the backend's buffer handle
 */
public final class DeviceBuffers<B> {
    private record Held<B>(B buffer, long bytes) {}

    private final Map<Object, Held<B>> byArray = new IdentityHashMap<>();
    private long heldBytes;

    public boolean has(Object array) {
        return byArray.containsKey(array);
    }

    /** The array's buffer; an array the session never allocated is a runtime bug, not user input. */
    public B get(Object array) {
        Held<B> h = byArray.get(array);
        if (h == null) throw new IllegalStateException("no device buffer for array " + array);
        return h.buffer();
    }

    /** Records a buffer just allocated for the array, of this many bytes. */
    public void add(Object array, B buffer, long bytes) {
        Held<B> old = byArray.put(array, new Held<>(buffer, bytes));
        if (old != null) {
            byArray.put(array, old);
            throw new IllegalStateException("array " + array + " has a device buffer already");
        }
        heldBytes += bytes;
    }

    public int count() {
        return byArray.size();
    }

    /** Bytes of the buffers held now (and of any whose free failed: the device may still hold those). */
    public long heldBytes() {
        return heldBytes;
    }

    /**
     * Frees every buffer, also when some frees fail (one failure must not leak the rest): afterwards
     * the table is empty, and the first failure is thrown with the others added as suppressed.
     */
    public void freeAll(Consumer<? super B> free) {
        List<Held<B>> all = new ArrayList<>(byArray.values());
        byArray.clear();
        RuntimeException failure = null;
        for (Held<B> h : all) {
            try {
                free.accept(h.buffer());
                heldBytes -= h.bytes();
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }
}
