package hetero.runtime.jit;

import hetero.runtime.api.KernelContext;
import hetero.runtime.api.Parallel;
import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Expr.BinOp;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;
import hetero.runtime.jit.opencl.OpenCLTarget;
import hetero.runtime.kernel.WorkerGrid;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The overflow-free indexing pass on small IR, and its launch check's range analysis on real kernels. */
class OverflowFreeIndexingTest {

    // ---------------------------------------------------------------- kernels the analysis reads

    /** A row-major walk: i * n + j, with the parallel loops' guards. */
    public static void rows(float[] a, float[] out, int m, int n) {
        for (@Parallel int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) out[i * n + j] = a[i * n + j] * 2f;
        }
    }

    /** Two loops sharing one variable (javac reuses the slot), each with its own guard, and a step of 4. */
    public static void twoLoops(float[] a, float[] out, int n, int k) {
        for (@Parallel int i = 0; i < n; i++) {
            float s = 0f;
            int k4 = k - k % 4;
            for (int p = 0; p < k4; p += 4) s += a[i * k + p] + a[i * k + p + 3];
            for (int p = k4; p < k; p++) s += a[i * k + p];
            out[i] = s;
        }
    }

    /** A loop whose bound comes from a device function's return value, and a strip offset from the grid. */
    public static void viaCall(KernelContext ctx, float[] a, float[] out, int n, int cap) {
        int base = ctx.globalIdx * 64;
        int count = limit(n, cap);
        for (int j = 0; j < count; j++) out[base + j] = a[base + j + 1];
    }

    static int limit(int n, int cap) {
        return Math.min(n, cap);
    }

    /** The body of the p loop starts with an inner loop, so the guard's edge is not the body's only way in. */
    public static void innerLoopFirst(int[] out, int n) {
        for (@Parallel int i = 0; i < out.length / n; i++) {
            int s = 0;
            for (int p = 0; p < n; p++) {
                while (s < p) s += 2;
                out[i * n + p] = s;
            }
        }
    }

    /** A work-group tree reduction: the stride halves each step, down to 0. */
    public static void halving(KernelContext ctx, float[] data) {
        int lid = ctx.localIdx, base = ctx.groupIdx * ctx.localGroupSizeX;
        for (int stride = ctx.localGroupSizeX / 2; stride > 0; stride /= 2) {
            if (lid < stride) data[base + lid] += data[base + lid + stride];
            ctx.localBarrier();
        }
    }

    /** A data-dependent count clamped to [0, n] by a device function of ternaries (Java's usual clamp). */
    public static void clampedCount(float[] a, int[] valid, float[] out, int n) {
        for (@Parallel int i = 0; i < out.length; i++) {
            int count = visible(valid[i], n);
            float s = 0f;
            for (int j = 0; j < count; j++) s += a[i * n + j];
            out[i] = s;
        }
    }

    static int visible(int valid, int n) {
        int c = valid < n ? valid : n;
        return c > 0 ? c : 0;
    }

    /** An increment with no loop guard on its variable: its range is unknown, the check never holds. */
    public static void unguarded(int[] a, int[] out, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            int j = 0;
            while (a[j] != 0) j += 2;    // bounded by data, not by a comparison on j
            out[i] = a[j * 1 + 1];
        }
    }

    /** Division and remainder by a scalar: ranges follow the divisor's value at launch. */
    public static void divided(float[] a, float[] out, int heads, int seq) {
        for (@Parallel int bh = 0; bh < out.length; bh++) {
            int b = bh / heads, h = bh % heads;
            out[bh] = a[(b * heads + h) * seq + 1];
        }
    }

    private static IndexCheck check(String kernel) {
        return Jit.indexCheck(KernelRef.byName(OverflowFreeIndexingTest.class, kernel), Map.of(), new OpenCLTarget());
    }

    private static IndexCheck.Launch launch(WorkerGrid grid, Object... args) {
        return IndexCheck.Launch.of(args, grid);
    }

    private static Var variable(String kernel, String name) {
        Function f = Frontend.kernel(KernelRef.byName(OverflowFreeIndexingTest.class, kernel));
        return f.locals.stream().filter(v -> v.name.equals(name)).findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------- the pass

    @Test
    void indexChainsBecomeLongWithConversionsAtTheLeavesAndTheInputStays() {
        Var i = new Var(Var.Kind.PARAM, Type.INT, "i", 0), n = new Var(Var.Kind.PARAM, Type.INT, "n", 1);
        Var out = new Var(Var.Kind.PARAM, Type.FLOAT_ARRAY, "out", 2), a = new Var(Var.Kind.PARAM, Type.FLOAT_ARRAY, "a", 3);
        Function f = new Function("T", "k", "(II[F[F)V", "T.java", Type.VOID);
        f.params.addAll(List.of(i, n, out, a));
        Expr index = new Expr.Binary(BinOp.ADD, Type.INT, new Expr.Binary(BinOp.MUL, Type.INT, new Expr.Local(i), new Expr.Local(n)), Expr.Const.ofInt(3));
        Block b = new Block(0, 0);
        b.stmts.add(new Stmt.Store(out, index, new Expr.ArrayLoad(a, new Expr.Local(i)), 7));
        b.stmts.add(new Stmt.Store(out, new Expr.Local(n), new Expr.ArrayLoad(a, index), 8));
        b.terminator = new Block.Return(null, 9);
        f.blocks.add(b);

        Function v = OverflowFreeIndexing.apply(f);
        Expr wide = new Expr.Binary(BinOp.ADD, Type.LONG,
                new Expr.Binary(BinOp.MUL, Type.LONG, new Expr.Convert(Expr.ConvOp.I2L, new Expr.Local(i)), new Expr.Convert(Expr.ConvOp.I2L, new Expr.Local(n))),
                new Expr.Const(Type.LONG, 3L));
        Stmt.Store first = (Stmt.Store) v.entry().stmts.get(0), second = (Stmt.Store) v.entry().stmts.get(1);
        assertEquals(wide, first.index(), "a store's index chain is long");
        assertEquals(new Expr.Local(i), ((Expr.ArrayLoad) first.value()).index(), "a plain variable index has nothing to widen");
        assertEquals(new Expr.Local(n), second.index());
        assertEquals(wide, ((Expr.ArrayLoad) second.value()).index(), "a load's index chain is long");
        assertSame(index, ((Stmt.Store) f.entry().stmts.get(0)).index(), "the input IR is not touched");
        assertEquals(2, OverflowFreeIndexing.indices(f).size(), "two indices to prove; plain variables need no proof");
    }

    @Test
    void theOpenClVariantPrintsPlain64BitIndicesAndTheExactOneWraps() {
        KernelRef ref = KernelRef.byName(OverflowFreeIndexingTest.class, "rows");
        String exact = Jit.compile(ref, Map.of(), false, new OpenCLTarget(), Indexing.EXACT).text();
        String fast = Jit.compile(ref, Map.of(), false, new OpenCLTarget(), Indexing.OVERFLOW_FREE).text();
        assertTrue(exact.contains("out[(int)((uint)i * (uint)n + (uint)j)]"), exact);
        assertTrue(fast.contains("out[(long)i * (long)n + (long)j]"), fast);
        assertFalse(fast.contains("[(int)("), "no wrapped index is left in the variant:\n" + fast);
    }

    // ---------------------------------------------------------------- the launch check

    @Test
    void loopVariablesAreBoundedByTheirGuardsAndTheCheckFollowsTheSizes() {
        IndexCheck c = check("rows");
        assertEquals(2, c.indexCount());
        IndexCheck.Launch small = launch(WorkerGrid.of1D(100).local(10), new float[10_000], new float[10_000], 100, 100);
        assertEquals(new IndexCheck.Range(0, 100), c.rangeOf(variable("rows", "j"), small), "j < n: j <= 99 in the loop, 100 after it");
        assertTrue(c.holds(small));
        // 50,000 * 50,000 > 2^31: i * n may wrap, so the exact variant runs.
        IndexCheck.Launch big = launch(WorkerGrid.of1D(50_000).local(10), new float[1], new float[1], 50_000, 50_000);
        IndexCheck.Verdict v = c.evaluate(big);
        assertEquals(Indexing.EXACT, v.indexing());
        assertTrue(v.reason().contains("i * n"), v.reason());
        // Recent shapes are remembered: the same scalars, lengths and grid give the same verdict without re-proving.
        assertSame(v, c.evaluate(launch(WorkerGrid.of1D(50_000).local(10), new float[1], new float[1], 50_000, 50_000)));
        assertSame(c.evaluate(small), c.evaluate(launch(WorkerGrid.of1D(100).local(10), new float[10_000], new float[10_000], 100, 100)));
    }

    @Test
    void aSharedLoopVariableGetsTheUnionOfItsGuardedLoops() {
        IndexCheck c = check("twoLoops");
        IndexCheck.Launch l = launch(WorkerGrid.of1D(8).local(8), new float[8 * 103], new float[8], 8, 103);
        assertEquals(new IndexCheck.Range(0, 103), c.rangeOf(variable("twoLoops", "p"), l), "p < k4 (100) then p += 4, and p < k (103)");
        assertTrue(c.holds(l));
    }

    @Test
    void deviceFunctionResultsAndWorkItemIdsBoundTheIndices() {
        IndexCheck c = check("viaCall");
        IndexCheck.Launch l = launch(WorkerGrid.of1D(64).local(16), null, new float[64 * 64 + 1], new float[64 * 64], 1000, 64);
        assertEquals(new IndexCheck.Range(64, 64), c.rangeOf(variable("viaCall", "count"), l), "min(n, cap) with n = 1000, cap = 64");
        assertEquals(new IndexCheck.Range(0, 63 * 64), c.rangeOf(variable("viaCall", "base"), l));
        assertTrue(c.holds(l));
        // Without a work-group size the driver may round the grid up: the ids get that slack.
        IndexCheck.Launch unset = launch(WorkerGrid.of1D(64), null, new float[1], new float[1], 1000, 64);
        assertEquals(new IndexCheck.Range(0, (64 + 4095 - 1) * 64L), c.rangeOf(variable("viaCall", "base"), unset));
        // A grid so large that globalIdx * 64 wraps.
        assertFalse(c.holds(launch(WorkerGrid.of1D(1 << 26).local(64), null, new float[1], new float[1], 1000, 64)));
    }

    @Test
    void aDeviceFunctionWithoutLoopsIsEvaluatedPathByPathWithItsBranchConditions() {
        IndexCheck c = check("clampedCount");
        IndexCheck.Launch l = launch(WorkerGrid.of1D(16).local(16), new float[16 * 50], new int[16], new float[16], 50);
        assertEquals(new IndexCheck.Range(0, 50), c.rangeOf(variable("clampedCount", "count"), l),
                "valid[i] may be anything, but valid < n ? valid : n is at most n, and c > 0 ? c : 0 at least 0");
        assertTrue(c.holds(l));
    }

    @Test
    void aGuardStillBoundsItsVariableWhenTheBodyStartsWithAnInnerLoop() {
        IndexCheck c = check("innerLoopFirst");
        IndexCheck.Launch l = launch(WorkerGrid.of1D(4).local(4), new int[40], 10);
        assertEquals(new IndexCheck.Range(0, 10), c.rangeOf(variable("innerLoopFirst", "p"), l));
        assertEquals(new IndexCheck.Range(0, 11), c.rangeOf(variable("innerLoopFirst", "s"), l), "s < p, p <= 10 anywhere, then s += 2");
        assertTrue(c.holds(l));
    }

    @Test
    void aHalvingStrideStaysBetweenItsStartAndZero() {
        IndexCheck c = check("halving");
        IndexCheck.Launch l = launch(WorkerGrid.of1D(256).local(64), null, new float[256]);
        assertEquals(new IndexCheck.Range(0, 32), c.rangeOf(variable("halving", "stride"), l));
        assertTrue(c.holds(l));
    }

    @Test
    void anIncrementWithoutAGuardLeavesItsVariableUnboundedSoTheCheckFails() {
        IndexCheck c = check("unguarded");
        IndexCheck.Launch l = launch(WorkerGrid.of1D(4).local(4), new int[]{0, 0}, new int[4], 4);
        assertEquals(new IndexCheck.Range(Integer.MIN_VALUE, Integer.MAX_VALUE), c.rangeOf(variable("unguarded", "j"), l));
        assertEquals(Indexing.EXACT, c.evaluate(l).indexing());
    }

    @Test
    void divisionAndRemainderByAScalarFollowItsValue() {
        IndexCheck c = check("divided");
        IndexCheck.Launch l = launch(WorkerGrid.of1D(96).local(32), new float[96 * 7 + 1], new float[96], 8, 7);
        assertEquals(new IndexCheck.Range(0, 191), c.rangeOf(variable("divided", "bh"), l), "bh < 96 in the loop; one stride of 96 more after it");
        assertEquals(new IndexCheck.Range(0, 23), c.rangeOf(variable("divided", "b"), l), "bh / 8: the legalized division's selects are decided by heads = 8");
        assertEquals(new IndexCheck.Range(0, 7), c.rangeOf(variable("divided", "h"), l), "bh % 8");
        assertTrue(c.holds(l));
        // seq = 2^28: (b * heads + h) * seq reaches 95 * 2^28, past 2^31.
        assertFalse(c.holds(launch(WorkerGrid.of1D(96).local(32), new float[1], new float[96], 8, 1 << 28)));
    }
}
