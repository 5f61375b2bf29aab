package hetero.kernels;

import hetero.runtime.kernel.WorkerGrid;

/** Shape-checked embedding launches. Token ids are checked against the vocabulary on the host. */
public final class EmbeddingLaunch {
    private EmbeddingLaunch() {
    }

    public static Launch lookup(int[] ids, float[] table, float[] out, int tokens, int vocab, int dModel, float scale) {
        checkLookup(ids, table, out, tokens, vocab, dModel);
        return new Launch("embedding " + tokens + "x" + dModel).inputs(ids, table).outputs(out)
                .step("embed", (g, id) -> g.task(id, Embedding::lookup, ids, table, out, tokens, vocab, dModel, scale), WorkerGrid.of2D(dModel, tokens));
    }

    public static Launch sinusoidal(float[] out, int seq, int dModel, int startPos) {
        Shapes.positive("seq", seq);
        Shapes.positive("dModel", dModel);
        Shapes.nonNegative("startPos", startPos);
        Shapes.length("out", out, (long) seq * dModel, "seq*dModel");
        return new Launch("positions " + seq + "x" + dModel).outputs(out)
                .step("positions", (g, id) -> g.task(id, Embedding::sinusoidal, out, seq, dModel, startPos), WorkerGrid.of2D(dModel, seq));
    }

    /** tokens = batch * seq, ids laid out [batch, seq]. */
    public static Launch lookupWithPositions(int[] ids, float[] table, float[] out, int batch, int seq, int vocab, int dModel, float scale, int startPos) {
        Shapes.positive("batch", batch);
        Shapes.positive("seq", seq);
        Shapes.nonNegative("startPos", startPos);
        int tokens = batch * seq;
        checkLookup(ids, table, out, tokens, vocab, dModel);
        return new Launch("embedding+positions " + tokens + "x" + dModel).inputs(ids, table).outputs(out)
                .step("embed", (g, id) -> g.task(id, Embedding::lookupWithPositions, ids, table, out, tokens, seq, vocab, dModel, scale, startPos),
                        WorkerGrid.of2D(dModel, tokens));
    }

    private static void checkLookup(int[] ids, float[] table, float[] out, int tokens, int vocab, int dModel) {
        Shapes.positive("tokens", tokens);
        Shapes.positive("vocab", vocab);
        Shapes.positive("dModel", dModel);
        Shapes.length("ids", ids, tokens, "tokens");
        Shapes.length("table", table, (long) vocab * dModel, "vocab*dModel");
        Shapes.length("out", out, (long) tokens * dModel, "tokens*dModel");
        for (int t = 0; t < tokens; t++) {
            if (ids[t] < 0 || ids[t] >= vocab) throw new IllegalArgumentException("token id " + ids[t] + " at position " + t + " is outside 0.." + (vocab - 1));
        }
    }
}
