package hetero.runtime.jit.spirv;

import hetero.runtime.jit.Analysis;
import hetero.runtime.jit.DeviceFunctions;
import hetero.runtime.jit.ExprWalk;
import hetero.runtime.jit.KernelAbi;
import hetero.runtime.jit.KernelSource;
import hetero.runtime.jit.Specializer;
import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Expr.BinOp;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Intrinsic;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

import static hetero.runtime.jit.spirv.SpirvModule.*;

/**
 * Emits a SPIR-V module (OpenCL environment: Kernel capability, Physical64 addressing, OpenCL
 * memory model) from the CFG. Control flow stays unstructured, which the Kernel capability allows:
 * one label per basic block. Java variables live in Function-storage variables (loads and stores,
 * no SSA construction needed; drivers promote them to registers). Java semantics are kept as in
 * the other backends: integer ops wrap, shift counts are masked, float-to-int conversions saturate
 * with NaN to 0, x / 0 gives 0 and MIN / -1 wraps, and && / || / ?: evaluate lazily (a select
 * whose sides cost nothing, {@link ExprWalk#trivialSides}, is one OpSelect). Each device function
 * instance ({@link DeviceFunctions}) is emitted by an emitter object of its own.
 */
public final class SpirvEmitter {
    // OpenCL.std extended instruction numbers

    private final SpirvModule m;
    private final DeviceFunctions<Integer, Integer> functions;
    private final Map<String, Integer> builtins;
    private final int ext, fileString;   // the OpenCL.std import and the source file's name

    // per function (each device function has an emitter of its own)
    private final Function fn;
    private final List<int[]> code = new ArrayList<>();
    private final List<int[]> variables = new ArrayList<>();
    private final Map<Var, Integer> varPtr = new HashMap<>();
    private final Map<Var, Integer> arrayBase = new HashMap<>();
    private final Map<Var, Integer> arrayStorage = new HashMap<>();
    private final Map<Var, Integer> lengthIds = new HashMap<>();
    /** Private arrays: the Function-storage array variable (stored to whole when Java allocates it). */
    private final Map<Var, Integer> privateArrays = new HashMap<>();
    private final Map<Block, Integer> labels = new HashMap<>();
    /** The function's OpFunctionParameters, their types, and what its entry block does first (stores of scalars, array bases). */
    private final List<int[]> params = new ArrayList<>();
    private final List<Integer> paramTypes = new ArrayList<>();
    private final List<Runnable> prologue = new ArrayList<>();
    private int lastLine = -1;

    private SpirvEmitter(SpirvModule m, Function fn, DeviceFunctions<Integer, Integer> functions, Map<String, Integer> builtins, int ext, int fileString) {
        this.m = m;
        this.ext = ext;
        this.fileString = fileString;
        this.fn = fn;
        this.functions = functions;
        this.builtins = builtins;
    }

    /**
     * @param noAlias true when every array argument is a different array: the pointer parameters are
     *                decorated NoAlias (OpenCL C's restrict), which lets the driver vectorize loads.
     */
    public static KernelSource emit(Specializer.Specialized spec, KernelAbi abi, boolean noAlias, long startNanos) {
        SpirvModule m = new SpirvModule();
        Function f = spec.function();
        boolean doubles = abi.usesDoubles();
        m.capabilities.add(ins(17, 4));   // Addresses
        m.capabilities.add(ins(17, 6));   // Kernel
        m.capabilities.add(ins(17, 11));  // Int64
        if (doubles) m.capabilities.add(ins(17, 10)); // Float64
        Set<Type> types = abi.types();
        if (types.contains(Type.SHORT_ARRAY) || types.contains(Type.CHAR_ARRAY)) m.capabilities.add(ins(17, 22)); // Int16
        if (types.contains(Type.BYTE_ARRAY)) m.capabilities.add(ins(17, 39)); // Int8
        if (types.contains(Type.FLOAT8) || types.contains(Type.FLOAT16)) m.capabilities.add(ins(17, 7)); // Vector16
        int ext = m.id();
        m.extImports.add(ins(OpExtInstImport, concat(new int[]{ext}, string("OpenCL.std"))));
        m.memoryModel.add(ins(OpMemoryModel, 2, 2)); // Physical64, OpenCL
        int fileString = m.id();
        m.debugStrings.add(ins(OpString, concat(new int[]{fileString}, string(f.sourceFile))));
        SpirvEmitter e = new SpirvEmitter(m, f, new DeviceFunctions<>(f.name), new LinkedHashMap<>(), ext, fileString);
        int kernelId = e.kernel(spec, abi, noAlias);
        int[] interfaceIds = e.builtins.values().stream().mapToInt(Integer::intValue).toArray();
        m.entryPoints.add(ins(OpEntryPoint, concat(new int[]{6, kernelId}, string(f.name), interfaceIds)));
        byte[] binary = m.toBytes();
        String text = "; SPIR-V 1.0 module for " + f.owner + "::" + f.name + ", " + binary.length + " bytes"
                + " (disassemble with spirv-dis; `lab kernels --dump --backend spirv` does when it is installed)\n";
        return new KernelSource("spirv", f.name, text, binary, null, System.nanoTime() - startNanos);
    }

    // ------------------------------------------------------------------ types

    private int type(Type t) {
        return switch (t) {
            case BOOLEAN -> m.typeBool();
            case INT -> m.typeInt(32);
            case LONG -> m.typeInt(64);
            case FLOAT -> m.typeFloat(32);
            case DOUBLE -> m.typeFloat(64);
            case VOID -> m.typeVoid();
            case FLOAT2, FLOAT4, FLOAT8, FLOAT16 -> m.typeVector(type(t.laneType()), t.lanes());
            default -> throw new IllegalArgumentException("no SPIR-V value type for " + t);
        };
    }

    private int elementPointer(Var array) {
        return m.typePointer(arrayStorage.get(array), storageType(array.type));
    }

    /** The memory type of an array's elements: narrow arrays hold 16- or 8-bit integers. */
    private int storageType(Type array) {
        return switch (array) {
            case SHORT_ARRAY, CHAR_ARRAY -> m.typeInt(16);
            case BYTE_ARRAY -> m.typeInt(8);
            default -> type(array.elementType());
        };
    }

    // ------------------------------------------------------------------ functions

    private int kernel(Specializer.Specialized spec, KernelAbi abi, boolean noAlias) {
        Function f = spec.function();
        params(abi.args(), Collections.nCopies(abi.args().size(), StorageCrossWorkgroup), noAlias);
        // local arrays: Workgroup-storage module variables
        for (Var v : f.locals) {
            Integer size = v.kind == Var.Kind.LOCAL_ARRAY ? abi.localArrays().get(v.name) : null;
            if (size != null) arrayVariable(v, StorageWorkgroup, m.typeArray(type(v.type.elementType()), size), m.globals);
        }
        int id = m.id();
        body(f, id, m.typeVoid());
        return id;
    }

    /** Emits the function: entry block with variables, then one label per IR block. */
    private void body(Function f, int id, int retType) {
        m.name(id, f.name);
        int fnType = m.typeFunction(retType, paramTypes);
        for (Block b : f.blocks) labels.put(b, m.id());
        int entry = m.id();
        code.add(ins(OpLabel, entry));
        // Private arrays: a Function-storage OpArray each (stored to whole where Java allocates it).
        Set<Var> used = Analysis.usedVars(f);
        for (Var v : f.locals) {
            if (v.kind == Var.Kind.PRIVATE_ARRAY && used.contains(v)) privateArrays.put(v, arrayVariable(v, StorageFunction, privateArrayType(v), variables));
        }
        for (Runnable r : prologue) r.run();
        code.add(ins(OpBranch, labels.get(f.entry())));
        for (Block b : f.blocks) {
            code.add(ins(OpLabel, labels.get(b)));
            for (Stmt s : b.stmts) stmt(s);
            switch (b.terminator) {
                case Block.Goto g -> code.add(ins(OpBranch, labels.get(g.target())));
                case Block.Branch br -> {
                    line(br.line());
                    int c = bool(br.condition());
                    code.add(ins(OpBranchConditional, c, labels.get(br.ifTrue()), labels.get(br.ifFalse())));
                }
                case Block.Return r -> {
                    line(r.line());
                    if (r.value() == null) code.add(ins(OpReturn));
                    else code.add(ins(OpReturnValue, value(r.value())));
                }
            }
        }
        List<int[]> out = m.functions;
        out.add(ins(OpFunction, retType, id, 0, fnType));
        out.addAll(params);
        // variables must open the first block: splice them in after its label
        out.add(code.getFirst());
        out.addAll(variables);
        out.addAll(code.subList(1, code.size()));
        out.add(ins(OpFunctionEnd));
    }

    /** A variable holding a whole array in storage, addressed like any array through a pointer to element 0 (made in the prologue). */
    private int arrayVariable(Var v, int storage, int arrayType, List<int[]> declarations) {
        int var = m.id();
        declarations.add(ins(OpVariable, m.typePointer(storage, arrayType), var, storage));
        m.name(var, v.name);
        arrayStorage.put(v, storage);
        int base = m.id();
        prologue.add(() -> code.add(ins(OpInBoundsAccessChain, elementPointer(v), base, var, m.constInt(0))));
        arrayBase.put(v, base);
        return var;
    }

    private int privateArrayType(Var v) {
        return m.typeArray(storageType(v.type), v.constantLength());
    }

    private int variable(Var v) {
        return varPtr.computeIfAbsent(v, k -> {
            int id = tempVariable(k.type);
            m.name(id, k.name);
            return id;
        });
    }

    private int tempVariable(Type t) {
        int id = m.id();
        variables.add(ins(OpVariable, m.typePointer(StorageFunction, type(t)), id, StorageFunction));
        return id;
    }

    /**
     * The OpFunctionParameters of the function being emitted (a kernel's ABI or a device function's
     * parameters), with their types, and the stores of scalars to their variables in the prologue.
     * Each array goes to the next of storages.
     */
    private void params(List<KernelAbi.Arg> args, List<Integer> storages, boolean noAlias) {
        int s = 0;
        for (KernelAbi.Arg a : args) {
            Var p = fn.params.get(a.javaIndex());
            if (a.kind() == KernelAbi.Arg.Kind.BUFFER) arrayStorage.put(p, storages.get(s++));
            int type = a.kind() == KernelAbi.Arg.Kind.BUFFER ? elementPointer(p) : -1;
            int id = m.id();
            if (type < 0) type = type(a.type());
            paramTypes.add(type);
            params.add(ins(OpFunctionParameter, type, id));
            m.name(id, a.name());
            switch (a.kind()) {
                case BUFFER -> {
                    if (noAlias) m.decorations.add(ins(OpDecorate, id, 38, 4)); // FuncParamAttr NoAlias
                    arrayBase.put(p, id);
                }
                case LENGTH -> lengthIds.put(p, id);
                case SCALAR -> prologue.add(() -> code.add(ins(OpStore, variable(p), id)));
            }
        }
    }

    // ------------------------------------------------------------------ statements

    private void line(int javaLine) {
        if (javaLine > 0 && javaLine != lastLine) {
            lastLine = javaLine;
            code.add(ins(OpLine, fileString, javaLine, 0));
        }
    }

    private void stmt(Stmt s) {
        line(s.line());
        switch (s) {
            case Stmt.Assign a -> {
                int v = a.target().type == Type.BOOLEAN ? bool(a.value()) : value(a.value());
                code.add(ins(OpStore, variable(a.target()), v));
            }
            case Stmt.Store st -> {
                int ptr = element(st.array(), st.index());
                int v = value(st.value());
                if (st.array().type.isNarrowArray()) v = opTyped(OpUConvert, storageType(st.array().type), v); // truncates, as Java's store
                code.add(ins(OpStore, ptr, v));
            }
            case Stmt.VectorStore vs -> {
                // OpenCL.std vstoren(data, offset 0, p = &array[index]): any alignment, as vstoreN in OpenCL C
                int v = value(vs.value());
                int ptr = element(vs.array(), vs.index());
                extInst(172, Type.VOID, v, m.constLong(0), ptr);
            }
            case Stmt.LoadLanes ll -> throw new IllegalStateException("SPIR-V has vector types; VectorLowering keeps vector loads for it: " + ll);
            case Stmt.AtomicAdd at -> {
                int ptr = element(at.array(), at.index());
                // Device scope, relaxed ordering: OpenCL's atomic_add.
                op(OpAtomicIAdd, Type.INT, ptr, m.constInt(1), m.constInt(0), value(at.value()));
            }
            case Stmt.Eval ev -> value(ev.call());
            case Stmt.NewPrivateArray na -> code.add(ins(OpStore, privateArrays.get(na.array()), m.constNull(privateArrayType(na.array()))));
            case Stmt.Barrier b -> code.add(ins(OpControlBarrier, m.constInt(2), m.constInt(2),
                    m.constInt(b.global() ? 0x310 : 0x110)));
        }
    }

    private int element(Var array, Expr index) {
        int idx = value(index);
        // a long index comes from the overflow-free indexing pass: already 64-bit
        int wide = index.type() == Type.LONG ? idx : op(OpSConvert, Type.LONG, idx);
        return opTyped(OpInBoundsPtrAccessChain, elementPointer(array), arrayBase.get(array), wide);
    }

    // ------------------------------------------------------------------ expressions

    private int op(int opcode, Type resultType, int... operands) {
        return opTyped(opcode, type(resultType), operands);
    }

    /** An instruction whose result type is given by its id (for types outside the IR, such as 16-bit storage). */
    private int opTyped(int opcode, int resultTypeId, int... operands) {
        int id = m.id();
        int[] ops = new int[operands.length + 2];
        ops[0] = resultTypeId;
        ops[1] = id;
        System.arraycopy(operands, 0, ops, 2, operands.length);
        code.add(ins(opcode, ops));
        return id;
    }

    /** OpExtInst of the OpenCL.std instruction numbered n (the numbers are from the OpenCL.ExtendedInstructionSet spec). */
    private int extInst(int n, Type resultType, int... args) {
        int[] ops = new int[args.length + 2];
        ops[0] = ext;
        ops[1] = n;
        System.arraycopy(args, 0, ops, 2, args.length);
        return op(OpExtInst, resultType, ops);
    }

    private int constant(Expr.Const c) {
        return switch (c.value()) {
            case Integer i -> m.constInt(i);
            case Long l -> m.constLong(l);
            case Float f -> m.constFloat(f);
            case Double d -> m.constDouble(d);
            case Boolean b -> m.constBool(b);
            default -> throw new IllegalArgumentException("constant " + c.value());
        };
    }

    /** A bool-typed value (conditions). */
    private int bool(Expr e) {
        if (e.type() == Type.BOOLEAN) return value(e);
        return op(OpINotEqual, Type.BOOLEAN, value(e), constant(Expr.Const.zero(e.type())));
    }

    private int value(Expr e) {
        Type t = e.type();
        switch (e) {
            case Expr.Const c -> {
                return constant(c);
            }
            case Expr.Local l -> {
                return op(OpLoad, t, variable(l.var()));
            }
            case Expr.Binary b -> {
                return binary(b);
            }
            case Expr.Neg n -> {
                return op(t.isFloating() ? OpFNegate : OpSNegate, t, value(n.operand()));
            }
            case Expr.Convert c -> {
                return convert(c);
            }
            case Expr.Compare c -> {
                Type ot = c.left().type();
                int a = value(c.left()), b = value(c.right());
                int opcode = switch (c.op()) {
                    case EQ -> ot.isFloating() ? OpFOrdEqual : OpIEqual;
                    case NE -> ot.isFloating() ? OpFUnordNotEqual : OpINotEqual;
                    case LT -> ot.isFloating() ? OpFOrdLessThan : OpSLessThan;
                    case LE -> ot.isFloating() ? OpFOrdLessThanEqual : OpSLessThanEqual;
                    case GT -> ot.isFloating() ? OpFOrdGreaterThan : OpSGreaterThan;
                    case GE -> ot.isFloating() ? OpFOrdGreaterThanEqual : OpSGreaterThanEqual;
                };
                return op(opcode, Type.BOOLEAN, a, b);
            }
            case Expr.Not n -> {
                return op(OpLogicalNot, Type.BOOLEAN, bool(n.operand()));
            }
            case Expr.Logic l -> {
                // short-circuit: the right side runs only where the left one does not decide
                int left = bool(l.left());
                return branch(Type.BOOLEAN, left, l.and() ? () -> bool(l.right()) : () -> left, l.and() ? () -> left : () -> bool(l.right()));
            }
            case Expr.Select s when ExprWalk.trivialSides(s) -> {
                return op(OpSelect, t, bool(s.cond()), value(s.ifTrue()), value(s.ifFalse()));
            }
            case Expr.Select s -> {
                return branch(t, bool(s.cond()), () -> value(s.ifTrue()), () -> value(s.ifFalse()));
            }
            case Expr.CmpValue c -> throw c.notLegalized();
            case Expr.ArrayLoad a -> {
                if (a.array().type.isNarrowArray()) {
                    int narrow = opTyped(OpLoad, storageType(a.array().type), element(a.array(), a.index()));
                    return op(a.array().type == Type.CHAR_ARRAY ? OpUConvert : OpSConvert, t, narrow);
                }
                return op(OpLoad, t, element(a.array(), a.index()));
            }
            case Expr.VectorLoad v -> {
                // OpenCL.std vloadn(offset 0, p = &array[index], n): any alignment, as vloadN in OpenCL C
                return extInst(171, t, m.constLong(0), element(v.array(), v.index()), t.lanes());
            }
            case Expr.VectorOf v -> {
                // The constant lanes in one OpCompositeConstruct, the others inserted one by one: llvm-spirv-15 -r
                // (the route to PoCL) crashes on an OpCompositeConstruct with operands that are not constants.
                int[] lanes = new int[v.lanes().size()];
                for (int k = 0; k < lanes.length; k++) {
                    lanes[k] = v.lanes().get(k) instanceof Expr.Const c ? constant(c) : constant(Expr.Const.zero(t.laneType()));
                }
                int vector = op(OpCompositeConstruct, t, lanes);
                for (int k = 0; k < lanes.length; k++) {
                    if (!(v.lanes().get(k) instanceof Expr.Const)) vector = op(OpCompositeInsert, t, value(v.lanes().get(k)), vector, k);
                }
                return vector;
            }
            case Expr.Lane l -> {
                return op(OpCompositeExtract, t, value(l.vector()), constLane(l.lane()));
            }
            case Expr.WithLane w -> {
                int x = value(w.value());
                return op(OpCompositeInsert, t, x, value(w.vector()), constLane(w.lane()));
            }
            case Expr.ArrayLength a -> {
                if (a.array().isAllocatedArray()) return m.constInt(a.array().constantLength());
                return lengthIds.get(a.array());
            }
            case Expr.Intrinsic i -> {
                return intrinsic(i);
            }
            case Expr.Call c -> {
                return call(c);
            }
            case Expr.WorkItem w -> {
                int builtin = switch (w.query()) {
                    case GLOBAL_ID -> 28;
                    case LOCAL_ID -> 27;
                    case GROUP_ID -> 26;
                    case GLOBAL_SIZE -> 31;
                    case LOCAL_SIZE -> 25;
                };
                int var = builtin(builtin, w.query().name().toLowerCase());
                int loaded = opTyped(OpLoad, m.typeVector(m.typeInt(64), 3), var);
                return op(OpUConvert, Type.INT, op(OpCompositeExtract, Type.LONG, loaded, w.dim()));
            }
        }
    }

    /** ifTrue or ifFalse by cond, through a Function variable and two blocks, so that only the chosen side runs (as in Java). */
    private int branch(Type t, int cond, IntSupplier ifTrue, IntSupplier ifFalse) {
        int var = tempVariable(t);
        int yes = m.id(), no = m.id(), done = m.id();
        code.add(ins(OpBranchConditional, cond, yes, no));
        code.add(ins(OpLabel, yes));
        code.add(ins(OpStore, var, ifTrue.getAsInt()));
        code.add(ins(OpBranch, done));
        code.add(ins(OpLabel, no));
        code.add(ins(OpStore, var, ifFalse.getAsInt()));
        code.add(ins(OpBranch, done));
        code.add(ins(OpLabel, done));
        return op(OpLoad, t, var);
    }

    /** A lane index as the literal that OpCompositeExtract/Insert take (VectorLowering made it constant). */
    private static int constLane(Expr lane) {
        return ((Expr.Const) lane).number().intValue();
    }

    private int builtin(int builtin, String name) {
        return builtins.computeIfAbsent(name, k -> {
            int v3 = m.typeVector(m.typeInt(64), 3);
            int id = m.id();
            m.globals.add(ins(OpVariable, m.typePointer(StorageInput, v3), id, StorageInput));
            m.decorations.add(ins(OpDecorate, id, 11, builtin)); // BuiltIn
            m.decorations.add(ins(OpDecorate, id, 22));           // Constant
            m.name(id, "__spirv_BuiltIn_" + name);
            return id;
        });
    }

    private int binary(Expr.Binary b) {
        Type t = b.type();
        int x = value(b.left()), y = value(b.right());
        if (t.isFloating() || t.isVector()) {
            int opcode = switch (b.op()) {
                case ADD -> OpFAdd;
                case SUB -> OpFSub;
                case MUL -> OpFMul;
                case DIV -> OpFDiv;
                case REM -> OpFRem; // sign of the dividend, like Java's %
                default -> throw new IllegalStateException(b.op() + " on " + t);
            };
            return op(opcode, t, x, y);
        }
        switch (b.op()) {
            case ADD: return op(OpIAdd, t, x, y);
            case SUB: return op(OpISub, t, x, y);
            case MUL: return op(OpIMul, t, x, y);
            case AND: return op(OpBitwiseAnd, t, x, y);
            case OR: return op(OpBitwiseOr, t, x, y);
            case XOR: return op(OpBitwiseXor, t, x, y);
            case SHL, SHR, USHR: {
                int count = b.right().type() == t ? y : (t == Type.LONG ? op(OpSConvert, Type.LONG, y) : y);
                int opcode = b.op() == BinOp.SHL ? OpShiftLeftLogical : b.op() == BinOp.SHR ? OpShiftRightArithmetic : OpShiftRightLogical;
                return op(opcode, t, x, count);
            }
            case DIV: return op(OpSDiv, t, x, y);
            default: return op(OpSRem, t, x, y); // sign of the dividend, like Java's %
        }
    }

    private int convert(Expr.Convert c) {
        int a = value(c.operand());
        Type to = c.type();
        switch (c.op()) {
            case I2L: return op(OpSConvert, Type.LONG, a);
            case L2I: return op(OpSConvert, Type.INT, a);
            case I2F, L2F: return op(OpConvertSToF, Type.FLOAT, a);
            case I2D, L2D: return op(OpConvertSToF, Type.DOUBLE, a);
            case F2D: return op(OpFConvert, Type.DOUBLE, a);
            case D2F: return op(OpFConvert, Type.FLOAT, a);
            case I2B, I2S: {
                int bits = c.op() == Expr.ConvOp.I2B ? 24 : 16;
                int up = op(OpShiftLeftLogical, Type.INT, a, m.constInt(bits));
                return op(OpShiftRightArithmetic, Type.INT, up, m.constInt(bits));
            }
            case I2C: return op(OpBitwiseAnd, Type.INT, a, m.constInt(0xFFFF));
            default: {
                // F2I, F2L, D2I, D2L: saturating (decorated) conversion, as the IR's conversion is
                int id = op(OpConvertFToS, to, a);
                m.decorations.add(ins(OpDecorate, id, 28)); // SaturatedConversion
                return id;
            }
        }
    }

    private int intrinsic(Expr.Intrinsic i) {
        Type t = i.type();
        List<Integer> a = new ArrayList<>();
        for (Expr x : i.args()) a.add(value(x));
        int[] args = a.stream().mapToInt(Integer::intValue).toArray();
        return switch (i.fn()) {
            case ACOS -> extInst(0, t, args);
            case ASIN -> extInst(3, t, args);
            case ATAN -> extInst(6, t, args);
            case ATAN2 -> extInst(7, t, args);
            case CBRT -> extInst(11, t, args);
            case CEIL -> extInst(12, t, args);
            case COS -> extInst(14, t, args);
            case ERF -> extInst(18, t, args);
            case EXP -> extInst(19, t, args);
            case FLOOR -> extInst(25, t, args);
            case FMA -> extInst(26, t, args);
            case FMAX -> extInst(27, t, args);
            case FMIN -> extInst(28, t, args);
            case LOG -> extInst(37, t, args);
            case LOG10 -> extInst(39, t, args);
            case POW -> extInst(48, t, args);
            case RSQRT -> extInst(56, t, args);
            case SIN -> extInst(57, t, args);
            case SQRT -> extInst(61, t, args);
            case TAN -> extInst(62, t, args);
            case TANH -> extInst(63, t, args);
            case ABS -> extInst(t.isFloating() ? 23 : 141, t, args);   // fabs, s_abs
            case MAX -> extInst(156, t, args);                          // s_max
            case MIN -> extInst(158, t, args);                          // s_min
            case ISNAN, ISINF -> {
                int p = op(i.fn() == Intrinsic.ISNAN ? OpIsNan : OpIsInf, Type.BOOLEAN, args[0]);
                yield op(OpSelect, Type.INT, p, m.constInt(1), m.constInt(0));
            }
            case BITS_AS_INT, BITS_AS_FLOAT, BITS_AS_LONG, BITS_AS_DOUBLE -> op(OpBitcast, t, args[0]);
            case JAVA_MAX, JAVA_MIN, JAVA_SIGNUM -> throw i.fn().notLegalized();
        };
    }

    private int call(Expr.Call c) {
        Function callee = c.callee();
        List<Integer> storages = new ArrayList<>();
        List<Integer> args = new ArrayList<>();
        for (Expr a : functions.args(c)) {
            Var arr = a.type().isArray() ? ((Expr.Local) a).var() : null;
            if (arr != null) storages.add(arrayStorage.get(arr));
            args.add(arr != null ? arrayBase.get(arr) : value(a));
        }
        int f = functions.instance(callee, storages, callee.name, n -> {
            int id = m.id();
            SpirvEmitter sub = new SpirvEmitter(m, callee, functions, builtins, ext, fileString);
            sub.params(functions.params(callee), storages, false);
            int ret = sub.type(callee.returnType);
            sub.body(callee, id, ret);
            return id;
        });
        int[] ops = new int[args.size() + 1];
        ops[0] = f;
        for (int k = 0; k < args.size(); k++) ops[k + 1] = args.get(k);
        return op(OpFunctionCall, callee.returnType, ops);
    }
}
