package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Intrinsic;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;
import hetero.runtime.kernel.HostArrays;
import hetero.runtime.kernel.WorkerGrid;

import java.lang.reflect.Array;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The grid a loop-parallel kernel gets when the user sets none: one work-item per iteration of each
 * @Parallel loop, with the loop bounds evaluated on the actual arguments. A kernel without parallel
 * loops runs as a single work-item.
 */
public final class GridPlanner {
    private GridPlanner() {
    }

    /**
     * What the default grid needs from a compiled kernel, found once at compile time: the @Parallel
     * loops' bounds and the single definitions of the locals those bounds use.
     */
    public record Plan(List<Function.ParallelLoop> loops, Map<Var, Expr> definitions, boolean usesContext, int reduceWorkGroup) {}

    public static Plan plan(Function f) {
        return new Plan(List.copyOf(f.parallelLoops), singleDefinitions(f), f.params.stream().anyMatch(p -> p.type == Type.CONTEXT),
                f.reduceWorkGroup);
    }

    /** The grid of a launch: the user's, else the default one; a @Reduce kernel's grid is fixed (one work-group). */
    public static WorkerGrid grid(Plan f, WorkerGrid user, Object[] args, String taskId) {
        if (f.reduceWorkGroup() > 0) {
            if (user != null) {
                throw new IllegalArgumentException("task " + taskId + " has @Reduce parameters: it runs as one work-group of "
                        + f.reduceWorkGroup() + " items, so it takes no grid; remove its grid");
            }
            return WorkerGrid.of1D(f.reduceWorkGroup()).local(f.reduceWorkGroup());
        }
        return user != null ? user : defaultGrid(f, args, taskId);
    }

    public static WorkerGrid defaultGrid(Plan f, Object[] args, String taskId) {
        if (f.loops().isEmpty()) {
            if (f.usesContext()) {
                throw new IllegalArgumentException("task " + taskId + " is a KernelContext kernel: give it a grid with plan.withGrid(\""
                        + taskId + "\", WorkerGrid.of1D(n).local(...))");
            }
            return WorkerGrid.of1D(1);
        }
        Map<Var, Expr> defs = f.definitions();
        long[] sizes = new long[f.loops().size()];
        for (Function.ParallelLoop l : f.loops()) {
            Long start = eval(l.start(), args, defs, 0);
            Long end = eval(l.end(), args, defs, 0);
            if (start == null || end == null) {
                throw new IllegalArgumentException("task " + taskId + ": cannot derive the grid of @Parallel loop '" + l.variable().name
                        + "' from the arguments (its bounds depend on other loop variables); set one with plan.withGrid");
            }
            long count = Math.max(0, end - start + (l.inclusiveEnd() ? 1 : 0));
            sizes[l.dimension()] = Math.max(1, (count + l.step() - 1) / l.step());
        }
        return switch (sizes.length) {
            case 1 -> WorkerGrid.of1D(sizes[0]);
            case 2 -> WorkerGrid.of2D(sizes[0], sizes[1]);
            default -> WorkerGrid.of3D(sizes[0], sizes[1], sizes[2]);
        };
    }

    private static Map<Var, Expr> singleDefinitions(Function f) {
        Map<Var, Expr> defs = new HashMap<>();
        Map<Var, Integer> count = new HashMap<>();
        for (Block b : f.blocks) {
            for (Stmt s : b.stmts) {
                if (s instanceof Stmt.Assign a) {
                    count.merge(a.target(), 1, Integer::sum);
                    defs.put(a.target(), a.value());
                }
            }
        }
        count.forEach((v, n) -> { if (n > 1) defs.remove(v); });
        return defs;
    }

    private static Long eval(Expr e, Object[] args, Map<Var, Expr> defs, int depth) {
        if (depth > 20) return null;
        return switch (e) {
            case Expr.Const c when c.value() instanceof Integer || c.value() instanceof Long -> c.number().longValue();
            case Expr.Local l when l.var().kind == Var.Kind.PARAM && args[l.var().paramIndex] instanceof Number n
                    && !defs.containsKey(l.var()) -> n.longValue();
            case Expr.Local l when defs.containsKey(l.var()) -> eval(defs.get(l.var()), args, defs, depth + 1);
            case Expr.ArrayLength a when a.array().kind == Var.Kind.PARAM -> (long) HostArrays.length(args[a.array().paramIndex]);
            case Expr.Binary b -> {
                Long x = eval(b.left(), args, defs, depth + 1), y = eval(b.right(), args, defs, depth + 1);
                if (x == null || y == null) yield null;
                yield switch (b.op()) {
                    case ADD -> x + y;
                    case SUB -> x - y;
                    case MUL -> x * y;
                    case DIV -> y == 0 ? null : x / y;
                    case REM -> y == 0 ? null : x % y;
                    case SHL -> x << y;
                    case SHR -> x >> y;
                    default -> null;
                };
            }
            case Expr.Intrinsic i when i.fn() == Intrinsic.MIN || i.fn() == Intrinsic.MAX -> {
                Long x = eval(i.args().get(0), args, defs, depth + 1), y = eval(i.args().get(1), args, defs, depth + 1);
                if (x == null || y == null) yield null;
                yield i.fn() == Intrinsic.MIN ? Math.min(x, y) : Math.max(x, y);
            }
            default -> null;
        };
    }
}
