package hetero.experiments.workload;

import java.util.function.IntFunction;

/**
 * Checks a result row by row against a float64 reference computed for the chosen rows only. Large
 * outputs (attention at long sequences) would cost more to check in double than to compute; a
 * fixed number of rows at an even stride, always including the first and the last (where causal
 * and padding masks are most and least restrictive), keeps the check cheap and still covers
 * every head and mask region. The row is then marked {@code sample} in {@code err_checked}.
 */
final class RowSample {
    /** Rows compared at most; shapes with this many rows or fewer are checked in full. */
    static final int MAX_ROWS = 256;

    private RowSample() {
    }

    /**
     * @param rows      rows in the output
     * @param rowLength elements per row
     * @param got       the device result, rows back to back
     * @param reference the float64 reference of one row (rounded to float by the kernel library's reference)
     */
    static Accuracy check(int rows, int rowLength, float[] got, IntFunction<float[]> reference) {
        int[] chosen = chosen(rows, MAX_ROWS);
        float[] g = new float[chosen.length * rowLength];
        double[] r = new double[g.length];
        for (int i = 0; i < chosen.length; i++) {
            float[] ref = reference.apply(chosen[i]);
            for (int j = 0; j < rowLength; j++) {
                g[i * rowLength + j] = got[chosen[i] * rowLength + j];
                r[i * rowLength + j] = ref[j];
            }
        }
        Accuracy a = Accuracy.compare(g, r);
        return chosen.length < rows ? new Accuracy(a.maxAbs(), a.maxRel(), Accuracy.Checked.SAMPLE) : a;
    }

    /**
     * {@link #check}, plus the largest |got - softmax| over the same rows, where {@code softmax} gives exact
     * (float64) softmax attention of a row: for kernels that approximate it (linear, local attention).
     */
    static Accuracy checkAgainstSoftmax(int rows, int rowLength, float[] got, IntFunction<float[]> reference, IntFunction<float[]> softmax) {
        Accuracy a = check(rows, rowLength, got, reference);
        double diff = 0;
        for (int row : chosen(rows, MAX_ROWS)) {
            float[] s = softmax.apply(row);
            for (int j = 0; j < rowLength; j++) diff = Math.max(diff, Math.abs((double) got[row * rowLength + j] - s[j]));
        }
        return a.withDiffVsSoftmax(diff);
    }

    /** All rows when there are at most {@code max}, else {@code max} rows at an even stride including 0 and rows-1. */
    static int[] chosen(int rows, int max) {
        if (rows <= max) {
            int[] all = new int[rows];
            for (int i = 0; i < rows; i++) all[i] = i;
            return all;
        }
        int[] out = new int[max];
        for (int i = 0; i < max; i++) out[i] = (int) ((long) i * (rows - 1) / (max - 1));
        return out;
    }
}
