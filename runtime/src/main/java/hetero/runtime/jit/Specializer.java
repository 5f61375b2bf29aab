package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Expr.BinOp;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runtime specialization: folds scalar parameters fixed when the plan is built (head size, tile
 * sizes) into the kernel as constants, folds constant expressions with Java's semantics, and drops
 * branches that became constant. Returns a new function; the parsed one stays shared and untouched.
 */
public final class Specializer {
    private Specializer() {
    }

    /** A specialised copy of f, with the folded parameters recorded in {@link Specialized#constants()}. */
    public record Specialized(Function function, Map<Var, Expr.Const> constants) {}

    public static Specialized apply(Function f, Map<String, Object> values) {
        Map<Var, Expr.Const> constants = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Var p = f.params.stream().filter(v -> v.name.equals(e.getKey()) || javaName(f, v).equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(f.qualifiedName() + " has no parameter '" + e.getKey() + "'"));
            if (p.type.isArray() || p.type == Type.CONTEXT) {
                throw new IllegalArgumentException("only scalar parameters can be specialized, '" + e.getKey() + "' is " + p.type.javaName);
            }
            constants.put(p, constant(p.type, e.getValue()));
        }
        Function out = new Function(f.owner, f.name, f.descriptor, f.sourceFile, f.returnType);
        out.params.addAll(f.params);
        out.locals.addAll(f.locals);
        Map<Block, Block> copy = new HashMap<>();
        for (Block b : f.blocks) copy.put(b, new Block(b.id, b.bci));
        for (Block b : f.blocks) {
            Block nb = copy.get(b);
            for (Stmt s : b.stmts) nb.stmts.add(rewrite(s, constants));
            nb.terminator = switch (b.terminator) {
                case Block.Goto g -> new Block.Goto(copy.get(g.target()));
                case Block.Return r -> new Block.Return(r.value() == null ? null : fold(r.value(), constants), r.line());
                case Block.Branch br -> {
                    Expr c = fold(br.condition(), constants);
                    if (c instanceof Expr.Const k && k.value() instanceof Boolean taken) {
                        yield new Block.Goto(copy.get(taken ? br.ifTrue() : br.ifFalse()));
                    }
                    yield new Block.Branch(c, copy.get(br.ifTrue()), copy.get(br.ifFalse()), br.line());
                }
            };
            out.blocks.add(nb);
        }
        List<Block> live = Cfg.reversePostOrder(out.entry());
        out.blocks.retainAll(live);
        out.reduceWorkGroup = f.reduceWorkGroup;
        for (Function.ParallelLoop pl : f.parallelLoops) {
            out.parallelLoops.add(new Function.ParallelLoop(pl.variable(), pl.dimension(), fold(pl.start(), constants),
                    fold(pl.end(), constants), pl.inclusiveEnd(), pl.step()));
        }
        for (Var v : out.locals) {
            if (v.kind == Var.Kind.LOCAL_ARRAY) v.localArraySize = fold(v.localArraySize, constants);
        }
        return new Specialized(out, constants);
    }

    private static String javaName(Function f, Var v) {
        return v.name.endsWith("_") ? v.name.substring(0, v.name.length() - 1) : v.name;
    }

    private static Expr.Const constant(Type t, Object v) {
        return switch (t) {
            case INT -> new Expr.Const(Type.INT, ((Number) v).intValue());
            case LONG -> new Expr.Const(Type.LONG, ((Number) v).longValue());
            case FLOAT -> new Expr.Const(Type.FLOAT, ((Number) v).floatValue());
            case DOUBLE -> new Expr.Const(Type.DOUBLE, ((Number) v).doubleValue());
            default -> throw new IllegalArgumentException("cannot specialize a " + t);
        };
    }

    private static Stmt rewrite(Stmt s, Map<Var, Expr.Const> c) {
        return switch (s) {
            case Stmt.Assign a -> new Stmt.Assign(a.target(), fold(a.value(), c), a.line());
            case Stmt.Store st -> new Stmt.Store(st.array(), fold(st.index(), c), fold(st.value(), c), st.line());
            case Stmt.AtomicAdd at -> new Stmt.AtomicAdd(at.array(), fold(at.index(), c), fold(at.value(), c), at.line());
            case Stmt.Eval ev -> new Stmt.Eval(fold(ev.call(), c), ev.line());
            case Stmt.Barrier b -> b;
        };
    }

    public static Expr fold(Expr e, Map<Var, Expr.Const> constants) {
        if (e == null) return null;
        return ExprWalk.map(e, x -> {
            if (x instanceof Expr.Local l && constants.containsKey(l.var())) return constants.get(l.var());
            return foldNode(x);
        });
    }

    /** Folds one node whose children are already folded; Java's own operators give Java's semantics. */
    static Expr foldNode(Expr x) {
        switch (x) {
            case Expr.Binary b when b.left() instanceof Expr.Const l && b.right() instanceof Expr.Const r -> {
                Object v = binary(b.op(), b.type(), l.value(), r.value());
                return v == null ? b : new Expr.Const(b.type(), v);
            }
            case Expr.Neg n when n.operand() instanceof Expr.Const c -> {
                return new Expr.Const(n.type(), switch (c.value()) {
                    case Integer i -> -i;
                    case Long l -> -l;
                    case Float f -> -f;
                    case Double d -> -d;
                    default -> c.value();
                });
            }
            case Expr.Convert cv when cv.operand() instanceof Expr.Const c && c.value() instanceof Number num -> {
                Object v = switch (cv.op()) {
                    case I2L -> (long) num.intValue();
                    case I2F -> (float) num.intValue();
                    case I2D -> (double) num.intValue();
                    case L2I -> (int) num.longValue();
                    case L2F -> (float) num.longValue();
                    case L2D -> (double) num.longValue();
                    case F2I -> (int) num.floatValue();
                    case F2L -> (long) num.floatValue();
                    case F2D -> (double) num.floatValue();
                    case D2I -> (int) num.doubleValue();
                    case D2L -> (long) num.doubleValue();
                    case D2F -> (float) num.doubleValue();
                    case I2B -> (int) (byte) num.intValue();
                    case I2C -> (int) (char) num.intValue();
                    case I2S -> (int) (short) num.intValue();
                };
                return new Expr.Const(cv.type(), v);
            }
            case Expr.Compare c when c.left() instanceof Expr.Const l && c.right() instanceof Expr.Const r
                    && l.value() instanceof Number a && r.value() instanceof Number b -> {
                boolean floating = c.left().type().isFloating();
                double x1 = a.doubleValue(), y1 = b.doubleValue();
                long x2 = a.longValue(), y2 = b.longValue();
                boolean v = switch (c.op()) {
                    case EQ -> floating ? x1 == y1 : x2 == y2;
                    case NE -> floating ? x1 != y1 : x2 != y2;
                    case LT -> floating ? x1 < y1 : x2 < y2;
                    case LE -> floating ? x1 <= y1 : x2 <= y2;
                    case GT -> floating ? x1 > y1 : x2 > y2;
                    case GE -> floating ? x1 >= y1 : x2 >= y2;
                };
                return new Expr.Const(Type.BOOLEAN, v);
            }
            case Expr.Not n when n.operand() instanceof Expr.Const c && c.value() instanceof Boolean bv -> {
                return new Expr.Const(Type.BOOLEAN, !bv);
            }
            case Expr.Logic lg when lg.left() instanceof Expr.Const c && c.value() instanceof Boolean bv -> {
                if (lg.and()) return bv ? lg.right() : c;
                return bv ? c : lg.right();
            }
            case Expr.ArrayLength al when al.array().kind == Var.Kind.LOCAL_ARRAY && al.array().localArraySize instanceof Expr.Const c -> {
                return c;
            }
            default -> {
                return x;
            }
        }
    }

    private static Object binary(BinOp op, Type t, Object a, Object b) {
        switch (t) {
            case INT -> {
                int x = (Integer) a, y = (Integer) b;
                return switch (op) {
                    case ADD -> x + y; case SUB -> x - y; case MUL -> x * y;
                    case DIV -> y == 0 ? null : x / y; case REM -> y == 0 ? null : x % y;
                    case AND -> x & y; case OR -> x | y; case XOR -> x ^ y;
                    case SHL -> x << y; case SHR -> x >> y; case USHR -> x >>> y;
                };
            }
            case LONG -> {
                long x = (Long) a;
                long y = ((Number) b).longValue();
                return switch (op) {
                    case ADD -> x + y; case SUB -> x - y; case MUL -> x * y;
                    case DIV -> y == 0 ? null : x / y; case REM -> y == 0 ? null : x % y;
                    case AND -> x & y; case OR -> x | y; case XOR -> x ^ y;
                    case SHL -> x << y; case SHR -> x >> y; case USHR -> x >>> y;
                };
            }
            case FLOAT -> {
                float x = (Float) a, y = (Float) b;
                return switch (op) {
                    case ADD -> x + y; case SUB -> x - y; case MUL -> x * y; case DIV -> x / y; case REM -> x % y;
                    default -> null;
                };
            }
            case DOUBLE -> {
                double x = (Double) a, y = (Double) b;
                return switch (op) {
                    case ADD -> x + y; case SUB -> x - y; case MUL -> x * y; case DIV -> x / y; case REM -> x % y;
                    default -> null;
                };
            }
            default -> {
                return null;
            }
        }
    }
}
