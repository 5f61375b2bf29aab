package hetero.runtime.jit;

import hetero.runtime.conformance.ConformanceKernels;
import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;
import hetero.runtime.jit.spirv.SpirvTools;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Private arrays in the IR: the frontend's node (a PRIVATE_ARRAY variable and the statement where
 * Java allocates it), the specializer's folding of its size, the ABI's record, and what each
 * target makes of it. That the results agree with Java is ConformanceTest's job.
 */
class PrivateArraysTest {
    private static Function parsed(String kernel) {
        return Frontend.kernel(KernelRef.byName(ConformanceKernels.class, kernel));
    }

    private static Var privateArray(Function f, String name) {
        return f.locals.stream().filter(v -> v.kind == Var.Kind.PRIVATE_ARRAY && v.name.equals(name)).findFirst().orElseThrow();
    }

    private static List<Stmt.NewPrivateArray> allocations(Function f) {
        return f.blocks.stream().flatMap(b -> b.stmts.stream()).filter(s -> s instanceof Stmt.NewPrivateArray)
                .map(s -> (Stmt.NewPrivateArray) s).toList();
    }

    @Test
    void theFrontendMakesAPrivateArrayAndAnAllocationInsideTheParallelLoop() {
        Function f = parsed("privateAccumulate");
        Var acc = privateArray(f, "acc");
        assertEquals(Type.FLOAT_ARRAY, acc.type);
        assertEquals(Expr.Const.ofInt(4), acc.localArraySize);
        List<Stmt.NewPrivateArray> news = allocations(f);
        assertEquals(1, news.size());
        assertSame(acc, news.getFirst().array());
        assertTrue(news.getFirst().line() > 0 && news.getFirst().bci() > 0, "the allocation keeps its line and bytecode offset");
        // allocated in the loop body: the block holding it is inside the @Parallel loop
        Cfg cfg = new Cfg(f);
        Block home = f.blocks.stream().filter(b -> b.stmts.contains(news.getFirst())).findFirst().orElseThrow();
        assertTrue(cfg.loops.stream().anyMatch(l -> l.body.contains(home)), "zeroed once per iteration, as Java allocates it");
    }

    @Test
    void aSizeFromAParameterFoldsPerSpecializationAndTheParsedIrKeepsItsSymbol() {
        Function f = parsed("privateSpecializedSize");
        Var row = privateArray(f, "row");
        int width = f.params.stream().filter(p -> p.name.equals("width")).findFirst().orElseThrow().paramIndex;
        assertEquals(java.util.Set.of(width), Analysis.arraySizeParams(f), "the plan folds width in without being asked");

        Specializer.Specialized six = Specializer.apply(f, Map.of(width, 6));
        Specializer.Specialized thirteen = Specializer.apply(f, Map.of(width, 13));
        Var row6 = privateArray(six.function(), "row"), row13 = privateArray(thirteen.function(), "row");
        assertNotSame(row, row6);
        assertEquals(6, row6.constantLength());
        assertEquals(13, row13.constantLength());
        assertSame(row6, allocations(six.function()).getFirst().array(), "the allocation names the folded copy");
        assertTrue(row.localArraySize instanceof Expr.Local, "the cached IR keeps its symbolic size");
        // row.length folded to the constant: no ArrayLength of the private array is left
        boolean[] lengthLeft = {false};
        Analysis.forEachExpr(six.function(), e -> lengthLeft[0] |= e instanceof Expr.ArrayLength al && al.array().kind == Var.Kind.PRIVATE_ARRAY);
        assertEquals(false, lengthLeft[0]);
        assertEquals(Map.of("row", 6), KernelAbi.of(six).privateArrays());
        assertEquals(Map.of("row", 13), KernelAbi.of(thirteen).privateArrays());
    }

    @Test
    void openclDeclaresACArrayAndZeroesItWhereJavaAllocatesIt() {
        String src = Jit.compile(KernelRef.byName(ConformanceKernels.class, "privateAccumulate"), Map.of(), false, "opencl").text();
        assertTrue(src.contains("float acc[4];"), src);
        assertTrue(src.contains("for (int acc_i = 0; acc_i < 4; acc_i++) acc[acc_i] = 0.0f;"), src);
        String ints = Jit.compile(KernelRef.byName(ConformanceKernels.class, "privateZeroInit"), Map.of(), false, "opencl").text();
        assertTrue(ints.contains("long b[5];") && ints.contains("b[b_i] = 0L;") && ints.contains("d[d_i] = 0.0;"), ints);
    }

    @Test
    void ptxKeepsItInLocalMemoryAndZeroesEachElement() {
        String ptx = Jit.compile(KernelRef.byName(ConformanceKernels.class, "privateAccumulate"), Map.of(), false, "ptx").text();
        assertTrue(ptx.contains(".local .align 16 .b8 pmem_acc[16];"), ptx);
        assertTrue(ptx.contains("st.local.f32 [%acc+12], 0f00000000;"), ptx);
        String loop = Jit.compile(KernelRef.byName(ConformanceKernels.class, "privateRuntimeIndex"), Map.of(), false, "ptx").text();
        assertTrue(loop.contains(".local .align 16 .b8 pmem_hist[160];") && loop.contains("st.local.s32 [%_rd"), "40 ints are zeroed in a loop:\n" + loop);
    }

    @Test
    void spirvStoresTheNullArrayIntoAFunctionVariable() throws Exception {
        assumeTrue(SpirvTools.available(), "spirv-tools is not installed");
        byte[] module = Jit.compile(KernelRef.byName(ConformanceKernels.class, "privateAccumulate"), Map.of(), false, "spirv").binary();
        String text = SpirvTools.disassemble(module).output();
        assertTrue(text.contains("OpConstantNull"), text);
        assertTrue(text.matches("(?s).*%acc = OpVariable %\\w+ Function.*"), text);
    }
}
