package hetero.kernels;

import hetero.runtime.kernel.WorkerGrid;

/** Shape-checked launches of {@link HeadLayout}. */
public final class HeadLayoutLaunch {
    /** Name of the row-offset parameter of {@link HeadLayout#splitHeads}, for {@code TaskGraph.setArgument} in a decode loop. */
    public static final String OFFSET_PARAMETER = "offset";

    private HeadLayoutLaunch() {
    }

    /** [batch, seq, heads*dHead] to rows offset..offset+seq of [batch, heads, outSeq, dHead]. */
    public static Launch split(float[] x, float[] out, int batch, int seq, int heads, int dHead, int outSeq, int offset) {
        Shapes.positive("batch", batch);
        Shapes.positive("seq", seq);
        Shapes.positive("heads", heads);
        Shapes.positive("dHead", dHead);
        Shapes.nonNegative("offset", offset);
        if (offset + seq > outSeq) throw new IllegalArgumentException("offset + seq = " + (offset + seq) + " exceeds outSeq " + outSeq);
        Shapes.length("x", x, (long) batch * seq * heads * dHead, "batch*seq*heads*dHead");
        Shapes.length("out", out, (long) batch * heads * outSeq * dHead, "batch*heads*outSeq*dHead");
        Shapes.noAlias("x", x, "out", out);
        return new Launch("split heads " + batch + "x" + seq + "x" + heads + "x" + dHead).inputs(x).outputs(out)
                .step("split", (g, id) -> g.task(id, HeadLayout::splitHeads, x, out, batch, seq, heads, dHead, outSeq, offset),
                        WorkerGrid.of3D(dHead, seq, (long) batch * heads), "heads", "dHead");
    }

    /** [batch, heads, seq, dHead] to [batch, seq, heads*dHead]. */
    public static Launch merge(float[] x, float[] out, int batch, int seq, int heads, int dHead) {
        Shapes.positive("batch", batch);
        Shapes.positive("seq", seq);
        Shapes.positive("heads", heads);
        Shapes.positive("dHead", dHead);
        Shapes.length("x", x, (long) batch * heads * seq * dHead, "batch*heads*seq*dHead");
        Shapes.length("out", out, (long) batch * seq * heads * dHead, "batch*seq*heads*dHead");
        Shapes.noAlias("x", x, "out", out);
        return new Launch("merge heads " + batch + "x" + seq + "x" + heads + "x" + dHead).inputs(x).outputs(out)
                .step("merge", (g, id) -> g.task(id, HeadLayout::mergeHeads, x, out, batch, seq, heads, dHead),
                        WorkerGrid.of3D(dHead, seq, (long) batch * heads), "heads", "dHead");
    }
}
