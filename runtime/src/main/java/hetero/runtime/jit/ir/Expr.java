package hetero.runtime.jit.ir;

import java.util.List;

/** Expression trees: the operand stack of each basic block folded back into expressions. */
public sealed interface Expr {
    Type type();

    record Const(Type type, Object value) implements Expr {
        public static Const ofInt(int v) { return new Const(Type.INT, v); }
        /** Java's default value of a scalar type (what a new array's elements hold). */
        public static Const zero(Type t) {
            return switch (t) {
                case INT -> ofInt(0);
                case LONG -> new Const(t, 0L);
                case FLOAT -> new Const(t, 0.0f);
                case DOUBLE -> new Const(t, 0.0);
                default -> throw new IllegalArgumentException("no zero of " + t);
            };
        }
        public Number number() { return (Number) value; }
    }

    record Local(Var var) implements Expr {
        public Type type() { return var.type; }
    }

    enum BinOp { ADD("+"), SUB("-"), MUL("*"), DIV("/"), REM("%"), AND("&"), OR("|"), XOR("^"), SHL("<<"), SHR(">>"), USHR(">>>");
        public final String symbol;
        BinOp(String s) { symbol = s; }
    }

    record Binary(BinOp op, Type type, Expr left, Expr right) implements Expr {}

    record Neg(Type type, Expr operand) implements Expr {}

    /** Java's primitive conversions; I2B/I2C/I2S narrow and re-widen an int. */
    enum ConvOp { I2L, I2F, I2D, L2I, L2F, L2D, F2I, F2L, F2D, D2I, D2L, D2F, I2B, I2C, I2S;
        public Type to() {
            return switch (this) {
                case L2I, F2I, D2I, I2B, I2C, I2S -> Type.INT;
                case I2L, F2L, D2L -> Type.LONG;
                case I2F, L2F, D2F -> Type.FLOAT;
                case I2D, L2D, F2D -> Type.DOUBLE;
            };
        }
    }

    record Convert(ConvOp op, Expr operand) implements Expr {
        public Type type() { return op.to(); }
    }

    enum CmpOp { EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");
        public final String symbol;
        CmpOp(String s) { symbol = s; }
        public CmpOp negate() {
            return switch (this) { case EQ -> NE; case NE -> EQ; case LT -> GE; case LE -> GT; case GT -> LE; case GE -> LT; };
        }
        public CmpOp swap() {
            return switch (this) { case EQ -> EQ; case NE -> NE; case LT -> GT; case LE -> GE; case GT -> LT; case GE -> LE; };
        }
    }

    /** A comparison with IEEE semantics for floats (false when either side is NaN, except NE). */
    record Compare(CmpOp op, Expr left, Expr right) implements Expr {
        public Type type() { return Type.BOOLEAN; }
    }

    record Not(Expr operand) implements Expr {
        public Type type() { return Type.BOOLEAN; }
    }

    /** Short-circuit and/or, made when branch chains are merged back into one condition. */
    record Logic(boolean and, Expr left, Expr right) implements Expr {
        public Type type() { return Type.BOOLEAN; }
    }

    /** lcmp / fcmpl / fcmpg / dcmpl / dcmpg used as a value: -1, 0 or 1 (NaN gives nanResult); Java-only, legalized. */
    record CmpValue(Expr left, Expr right, int nanResult) implements Expr {
        public Type type() { return Type.INT; }
        /** What an emitter throws: the legalization pass rewrites this node into selects. */
        public IllegalStateException notLegalized() {
            return new IllegalStateException(this + " reached an emitter; the legalization pass rewrites it into plain IR");
        }
    }

    /** cond ? a : b, for values only (both sides are evaluated on some targets). */
    record Select(Expr cond, Expr ifTrue, Expr ifFalse) implements Expr {
        public Type type() { return ifTrue.type(); }
    }

    record ArrayLoad(Var array, Expr index) implements Expr {
        public Type type() { return array.type.elementType(); }
    }

    /**
     * {@code FloatN.loadFromArray(array, index)}: lanes {@code array[index .. index + N - 1]}, any
     * index (no alignment is assumed; targets prove alignment themselves before using aligned loads).
     */
    record VectorLoad(Type type, Var array, Expr index) implements Expr {
        public VectorLoad {
            if (!type.isVector() || array.type.elementType() != type.laneType()) throw new IllegalArgumentException(type + " load from " + array.type);
        }
    }

    /** A vector built from one scalar per lane ({@code new Float4(x, y, z, w)}, splats of a scalar operand). */
    record VectorOf(Type type, List<Expr> lanes) implements Expr {
        public VectorOf {
            if (!type.isVector() || lanes.size() != type.lanes()) throw new IllegalArgumentException(lanes.size() + " lanes for " + type);
            lanes = List.copyOf(lanes);
        }
    }

    /** One lane of a vector ({@code v.get(i)}, {@code v.getX()}); a non-constant lane is lowered to selects before emission. */
    record Lane(Expr vector, Expr lane) implements Expr {
        public Type type() { return vector.type().laneType(); }
    }

    /** The vector with one lane replaced ({@code v.set(i, x)} assigns this to v). */
    record WithLane(Expr vector, Expr lane, Expr value) implements Expr {
        public Type type() { return vector.type(); }
    }

    record ArrayLength(Var array) implements Expr {
        public Type type() { return Type.INT; }
    }

    /** A math builtin (KMath, java.lang.Math, ...), typed by its Java signature. */
    record Intrinsic(hetero.runtime.jit.ir.Intrinsic fn, Type type, List<Expr> args) implements Expr {
        public Intrinsic {
            if (args.size() != fn.arity) throw new IllegalArgumentException(fn + " takes " + fn.arity + " arguments, not " + args.size());
        }
    }

    /** A call of another static kernel-language method, emitted as a device function. */
    record Call(Function callee, List<Expr> args) implements Expr {
        public Type type() { return callee.returnType; }
    }

    enum Query { GLOBAL_ID, LOCAL_ID, GROUP_ID, GLOBAL_SIZE, LOCAL_SIZE }

    /** A work-item id or size (KernelContext fields, and the rewritten @Parallel loops). */
    record WorkItem(Query query, int dim) implements Expr {
        public Type type() { return Type.INT; }
    }
}
