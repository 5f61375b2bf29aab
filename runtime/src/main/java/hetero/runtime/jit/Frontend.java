package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Expr.BinOp;
import hetero.runtime.jit.ir.Expr.CmpOp;
import hetero.runtime.jit.ir.Expr.ConvOp;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeAnnotation;
import java.lang.classfile.TypeKind;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.attribute.LineNumberInfo;
import java.lang.classfile.attribute.LocalVariableInfo;
import java.lang.classfile.attribute.MethodParameterInfo;
import java.lang.classfile.instruction.ArrayLoadInstruction;
import java.lang.classfile.instruction.ArrayStoreInstruction;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.ConvertInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.IncrementInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewPrimitiveArrayInstruction;
import java.lang.classfile.instruction.NopInstruction;
import java.lang.classfile.instruction.OperatorInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.StackInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Reads a kernel's bytecode with the JDK's ClassFile API and builds its IR: basic blocks, the
 * operand stack folded into expression trees (spilled to temporaries where order matters), one
 * variable per (slot, type, source name), and source lines on every statement. Anything outside
 * the kernel language is refused here, before any device work, with class, method, bytecode
 * offset and line.
 */
public final class Frontend {
    static final String KMATH = "hetero/runtime/api/KMath";
    static final String CONTEXT = "hetero/runtime/api/KernelContext";
    static final String PARALLEL = "Lhetero/runtime/api/Parallel;";
    /** TornadoVM's API (module tornado-api): the same model, but nested @Parallel loops number dimensions outermost first. */
    static final String TORNADO_CONTEXT = "uk/ac/manchester/tornado/api/KernelContext";
    static final String TORNADO_PARALLEL = "Luk/ac/manchester/tornado/api/annotations/Parallel;";
    static final String TORNADO_MATH = "uk/ac/manchester/tornado/api/math/TornadoMath";
    static final String NATIVE_ARRAYS = "uk/ac/manchester/tornado/api/types/arrays/";
    static final String TORNADO_REDUCE = "Luk/ac/manchester/tornado/api/annotations/Reduce;";

    /** Whether a class (internal name) is a KernelContext: TornadoVM's or the project's subclass of it. */
    public static boolean isContextClass(String internalName) {
        return internalName.equals(CONTEXT) || internalName.equals(TORNADO_CONTEXT);
    }

    private static final Map<String, Function> CACHE = new ConcurrentHashMap<>();

    private Frontend() {
    }

    /** Forgets parsed methods (for measuring the JIT from bytecode, and for tools that reload classes). */
    public static void clearCache() {
        CACHE.clear();
    }

    /** The IR of a kernel (with its @Parallel loops rewritten), parsed once per method. */
    public static Function kernel(KernelRef ref) {
        return parse(ref.owner(), ref.name(), ref.descriptor(), true, new ArrayDeque<>(), new HashMap<>());
    }

    /** @param models the class files read for this kernel so far: each is parsed once per kernel, not once per method */
    static Function parse(Class<?> owner, String name, String descriptor, boolean isKernel, Deque<String> callChain,
                          Map<Class<?>, ClassModel> models) {
        String key = owner.getName() + "::" + name + descriptor + (isKernel ? "#kernel" : "#device");
        Function cached = CACHE.get(key);
        if (cached != null) return cached;
        if (callChain.contains(key)) {
            throw new UnsupportedKernelException(owner.getName(), name, 0, 0,
                    "recursion is not supported on devices (call chain: " + String.join(" -> ", callChain) + ")");
        }
        callChain.push(key);
        try {
            Function f = new MethodParser(owner, name, descriptor, isKernel, callChain, models).parse();
            f.freeze();
            CACHE.put(key, f);
            return f;
        } finally {
            callChain.pop();
        }
    }

    static ClassModel classModel(Class<?> owner) {
        return ClassFile.of().parse(CLASS_FILES.get(owner));
    }

    /**
     * Each loaded class's class file, read once: a loaded class's bytecode cannot change, and a jar
     * entry's read and inflation is not the JIT's work (clearCache keeps these; every parse after it
     * still starts from the bytes).
     */
    private static final ClassValue<byte[]> CLASS_FILES = new ClassValue<>() {
        @Override
        protected byte[] computeValue(Class<?> owner) {
            String file = owner.getName().substring(owner.getName().lastIndexOf('.') + 1) + ".class";
            try (InputStream in = owner.getResourceAsStream(file)) {
                if (in == null) throw new IllegalArgumentException("cannot read the class file of " + owner.getName());
                return in.readAllBytes();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the class file of " + owner.getName(), e);
            }
        }
    };

    /** Parses one method. */
    private static final class MethodParser {
        private final Class<?> owner;
        private final String name;
        private final String descriptor;
        private final boolean isKernel;
        private final Deque<String> callChain;
        private final Map<Class<?>, ClassModel> models;
        private Function fn;
        private CodeAttribute code;

        // Linearised bytecode.
        private final List<Instruction> instructions = new ArrayList<>();
        private final List<Integer> bcis = new ArrayList<>();
        private final Map<Integer, Integer> indexOfBci = new HashMap<>();
        private final TreeMap<Integer, Integer> lines = new TreeMap<>();
        private List<LocalVariableInfo> localVariables = List.of();

        private final Map<Integer, Block> blockAt = new TreeMap<>();
        private final Map<VarKey, Var> vars = new LinkedHashMap<>();
        private final Map<VarKey, Var> refBindings = new HashMap<>();
        private final Map<String, Var> stackVars = new HashMap<>();
        private final Map<Block, List<Type>> entryStack = new HashMap<>();
        /** Array references on a block's entry stack: the same array on every incoming path. */
        private final Map<Block, Map<Integer, Var>> entryRefs = new HashMap<>();
        private int nextBlockId;
        private int tempCounter;

        // Per-block state while interpreting.
        private Block current;
        private Deque<Expr> stack;
        private int bci;

        MethodParser(Class<?> owner, String name, String descriptor, boolean isKernel, Deque<String> callChain,
                     Map<Class<?>, ClassModel> models) {
            this.owner = owner;
            this.models = models;
            this.name = name;
            this.descriptor = descriptor;
            this.isKernel = isKernel;
            this.callChain = callChain;
        }

        private UnsupportedKernelException unsupported(String what) {
            return new UnsupportedKernelException(owner.getName(), name, bci, lineAt(bci), what);
        }

        private int lineAt(int pc) {
            Map.Entry<Integer, Integer> e = lines.floorEntry(pc);
            return e == null ? 0 : e.getValue();
        }

        Function parse() {
            ClassModel cm = models.computeIfAbsent(owner, Frontend::classModel);
            MethodModel mm = cm.methods().stream()
                    .filter(m -> m.methodName().equalsString(name) && m.methodType().equalsString(descriptor))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no method " + owner.getName() + "::" + name + descriptor));
            if ((mm.flags().flagsMask() & ClassFile.ACC_STATIC) == 0) {
                throw new UnsupportedKernelException(owner.getName(), name, 0, 0, "kernels and the methods they call must be static");
            }
            code = mm.findAttribute(Attributes.code())
                    .orElseThrow(() -> new UnsupportedKernelException(owner.getName(), name, 0, 0, "method has no bytecode (abstract or native)"));
            String sourceFile = cm.findAttribute(Attributes.sourceFile()).map(s -> s.sourceFile().stringValue()).orElse("?");
            MethodTypeDesc type = mm.methodTypeSymbol();
            Type ret = Type.ofDescriptor(type.returnType().descriptorString());
            if (ret == null || ret.isArray() || ret == Type.CONTEXT) {
                throw new UnsupportedKernelException(owner.getName(), name, 0, 0,
                        "return type " + type.returnType().displayName() + " is not supported (kernels return void, device functions a primitive)");
            }
            if (isKernel && ret != Type.VOID) {
                throw new UnsupportedKernelException(owner.getName(), name, 0, 0, "a kernel must return void");
            }
            fn = new Function(owner.getName(), name, descriptor, sourceFile, ret);

            code.findAttribute(Attributes.lineNumberTable()).ifPresent(t -> {
                for (LineNumberInfo l : t.lineNumbers()) lines.put(l.startPc(), l.lineNumber());
            });
            code.findAttribute(Attributes.localVariableTable()).ifPresent(t -> localVariables = t.localVariables());
            linearise();
            for (int i = 0; i < instructions.size(); i++) {
                if (instructions.get(i).opcode() == Opcode.MONITORENTER) {
                    bci = bcis.get(i);
                    throw unsupported(describeUnsupported(instructions.get(i)));
                }
            }
            if (!code.exceptionHandlers().isEmpty()) {
                bci = code.labelToBci(code.exceptionHandlers().getFirst().tryStart());
                throw unsupported("try/catch is not supported: exceptions cannot be raised on a device");
            }
            declareParams(mm, type);
            buildBlocks();
            interpret();
            BranchMerger.mergeShortCircuits(fn);
            java.util.Set<Integer> reduceParams = isKernel ? ReduceLowering.reduceParameters(mm) : java.util.Set.of();
            ParallelLoops.rewrite(fn, parallelVariables(), owner.getName(), isKernel, reduceParams);
            if (isKernel) ReduceLowering.rewrite(fn, reduceParams, owner.getName());
            // Reverse post-order: every block after its dominators (SPIR-V requires it; it also reads best).
            List<Block> rpo = Cfg.reversePostOrder(fn.entry());
            fn.blocks.clear();
            fn.blocks.addAll(rpo);
            uniquifyNames();
            return fn;
        }

        private void linearise() {
            int pc = 0;
            for (CodeElement e : code) {
                if (e instanceof Instruction ins) {
                    indexOfBci.put(pc, instructions.size());
                    instructions.add(ins);
                    bcis.add(pc);
                    pc += ins.sizeInBytes();
                } else if (e instanceof LabelTarget) {
                    // positions come from labelToBci
                }
            }
        }

        private void declareParams(MethodModel mm, MethodTypeDesc type) {
            List<String> names = new ArrayList<>();
            mm.findAttribute(Attributes.methodParameters()).ifPresent(a -> {
                for (MethodParameterInfo p : a.parameters()) names.add(p.name().map(n -> n.stringValue()).orElse(null));
            });
            int slot = 0;
            for (int i = 0; i < type.parameterCount(); i++) {
                ClassDesc pd = type.parameterType(i);
                Type t = Type.ofDescriptor(pd.descriptorString());
                String pname = i < names.size() && names.get(i) != null ? names.get(i) : lvtName(slot, 0);
                if (pname == null) pname = "p" + i;
                if (t == null && Type.isVectorPackage(pd.descriptorString().substring(1).replace(";", ""))) {
                    bci = 0;
                    throw unsupported("parameter '" + pname + "' has type " + pd.displayName()
                            + "; vectors live in registers inside one kernel or device function and cannot be passed as parameters "
                            + "(pass the float[] and an index, and load the vector where it is used)");
                }
                if (t == null || t == Type.VOID) {
                    bci = 0;
                    throw unsupported("parameter '" + pname + "' has type " + pd.displayName()
                            + "; kernels take the scalars boolean, byte, short, char, int, long, float, double, the arrays int[], long[], float[], double[], short[], byte[], char[], TornadoVM's off-heap arrays, and KernelContext");
                }
                Var v = new Var(Var.Kind.PARAM, t, pname, i);
                fn.params.add(v);
                if (t.isArray() || t == Type.CONTEXT) {
                    refBindings.put(refKey(slot, pname), v);
                } else {
                    vars.put(varKey(slot, t, pname), v);
                }
                slot += (t == Type.LONG || t == Type.DOUBLE) ? 2 : 1;
            }
        }

        private String lvtName(int slot, int pc) {
            for (LocalVariableInfo l : localVariables) {
                if (l.slot() == slot && pc >= l.startPc() && pc < l.startPc() + l.length()) return l.name().stringValue();
            }
            return null;
        }

        /** A local variable's identity: its slot, type and source name (null without a LocalVariableTable). */
        private record VarKey(int slot, Type type, String name) {
        }

        private static VarKey varKey(int slot, Type t, String n) {
            return new VarKey(slot, t, n);
        }

        /** An array or context local's identity (type null: one binding per slot and name). */
        private static VarKey refKey(int slot, String n) {
            return new VarKey(slot, null, n);
        }

        /** Name of the local in `slot` at a load (pc) or just after a store (next pc). */
        private String localName(int slot, boolean isStore) {
            if (isStore) {
                int next = bci + instructions.get(indexOfBci.get(bci)).sizeInBytes();
                String n = lvtName(slot, next);
                if (n != null) return n;
            }
            return lvtName(slot, bci);
        }

        private Var local(int slot, Type t, boolean isStore) {
            String n = localName(slot, isStore);
            VarKey key = varKey(slot, t, n);
            Var v = vars.get(key);
            if (v == null) {
                // A parameter slot keeps the parameter's variable when its name is unknown here.
                for (Var p : fn.params) {
                    if (p.type == t && slotOf(p) == slot && (n == null || n.equals(p.name))) return p;
                }
                v = new Var(Var.Kind.LOCAL, t, n != null ? n : "v" + slot + "_" + t.javaName, -1);
                vars.put(key, v);
                fn.locals.add(v);
            }
            return v;
        }

        private int slotOf(Var param) {
            int slot = 0;
            for (Var p : fn.params) {
                if (p == param) return slot;
                slot += (p.type == Type.LONG || p.type == Type.DOUBLE) ? 2 : 1;
            }
            return -1;
        }

        private Var temp(Type t) {
            Var v = new Var(Var.Kind.TEMP, t, "t" + tempCounter++, -1);
            fn.locals.add(v);
            return v;
        }

        // ---------------------------------------------------------------- blocks

        private void buildBlocks() {
            Set<Integer> leaders = new HashSet<>();
            leaders.add(0);
            for (int i = 0; i < instructions.size(); i++) {
                Instruction ins = instructions.get(i);
                int next = i + 1 < instructions.size() ? bcis.get(i + 1) : -1;
                switch (ins) {
                    case BranchInstruction b -> {
                        leaders.add(code.labelToBci(b.target()));
                        if (next >= 0) leaders.add(next);
                    }
                    case TableSwitchInstruction s -> {
                        leaders.add(code.labelToBci(s.defaultTarget()));
                        for (SwitchCase c : s.cases()) leaders.add(code.labelToBci(c.target()));
                        if (next >= 0) leaders.add(next);
                    }
                    case LookupSwitchInstruction s -> {
                        leaders.add(code.labelToBci(s.defaultTarget()));
                        for (SwitchCase c : s.cases()) leaders.add(code.labelToBci(c.target()));
                        if (next >= 0) leaders.add(next);
                    }
                    case ReturnInstruction r -> {
                        if (next >= 0) leaders.add(next);
                    }
                    default -> {
                        if (ins.opcode() == Opcode.ATHROW && next >= 0) leaders.add(next);
                    }
                }
            }
            for (int pc : new java.util.TreeSet<>(leaders)) blockAt.put(pc, new Block(nextBlockId++, pc));
        }

        private Block blockAt(Label l) {
            return blockAt.get(code.labelToBci(l));
        }

        private void interpret() {
            // Reverse post-order, so definitions are seen before uses and every forward predecessor
            // of a block has fixed its entry stack before the block is read.
            List<Block> order = reversePostOrder();
            Block first = blockAt.get(0);
            entryStack.put(first, List.of());
            for (Block b : order) {
                current = b;
                stack = new ArrayDeque<>();
                List<Type> entry = entryStack.get(b);
                if (entry == null) throw new IllegalStateException("no entry stack for " + b);
                Map<Integer, Var> refs = entryRefs.getOrDefault(b, Map.of());
                for (int d = 0; d < entry.size(); d++) {
                    stack.addLast(new Expr.Local(refs.containsKey(d) ? refs.get(d) : stackVar(d, entry.get(d))));
                }
                int i = indexOfBci.get(b.bci);
                while (true) {
                    bci = bcis.get(i);
                    Instruction ins = instructions.get(i);
                    step(ins, i);
                    if (b.terminator != null) break;
                    i++;
                    if (i >= instructions.size()) throw unsupported("control falls off the end of the method");
                    if (blockAt.containsKey(bcis.get(i))) {
                        Block next = blockAt.get(bcis.get(i));
                        handOff(List.of(next));
                        b.terminator = new Block.Goto(next);
                        break;
                    }
                }
            }
            fn.blocks.addAll(order);
            fn.blocks.addAll(switchBlocks);
        }

        private final List<Block> switchBlocks = new ArrayList<>();

        private List<Block> reversePostOrder() {
            // Successors come from the bytecode, before interpretation.
            List<Block> post = new ArrayList<>();
            Set<Block> seen = new HashSet<>();
            Deque<Object[]> work = new ArrayDeque<>();
            Block entry = blockAt.get(0);
            seen.add(entry);
            work.push(new Object[]{entry, rawSuccessors(entry), 0});
            while (!work.isEmpty()) {
                Object[] top = work.peek();
                @SuppressWarnings("unchecked") List<Block> succ = (List<Block>) top[1];
                int k = (int) top[2];
                if (k < succ.size()) {
                    top[2] = k + 1;
                    Block s = succ.get(k);
                    if (seen.add(s)) work.push(new Object[]{s, rawSuccessors(s), 0});
                } else {
                    post.add((Block) top[0]);
                    work.pop();
                }
            }
            java.util.Collections.reverse(post);
            return post;
        }

        private List<Block> rawSuccessors(Block b) {
            List<Block> out = new ArrayList<>();
            for (int i = indexOfBci.get(b.bci); i < instructions.size(); i++) {
                Instruction ins = instructions.get(i);
                if (i > indexOfBci.get(b.bci) && blockAt.containsKey(bcis.get(i))) {
                    out.add(blockAt.get(bcis.get(i)));
                    return out;
                }
                switch (ins) {
                    case BranchInstruction br -> {
                        out.add(blockAt(br.target()));
                        if (br.opcode() != Opcode.GOTO && br.opcode() != Opcode.GOTO_W && i + 1 < instructions.size()) {
                            out.add(blockAt.get(bcis.get(i + 1)));
                        }
                        return out;
                    }
                    case TableSwitchInstruction s -> {
                        for (SwitchCase c : s.cases()) out.add(blockAt(c.target()));
                        out.add(blockAt(s.defaultTarget()));
                        return out;
                    }
                    case LookupSwitchInstruction s -> {
                        for (SwitchCase c : s.cases()) out.add(blockAt(c.target()));
                        out.add(blockAt(s.defaultTarget()));
                        return out;
                    }
                    case ReturnInstruction r -> {
                        return out;
                    }
                    default -> {
                        if (ins.opcode() == Opcode.ATHROW) return out;
                    }
                }
            }
            return out;
        }

        private Var stackVar(int depth, Type t) {
            return stackVars.computeIfAbsent(depth + ":" + t, k -> {
                Var v = new Var(Var.Kind.TEMP, t, "s" + depth + "_" + t.javaName.replace("[]", "_arr"), -1);
                fn.locals.add(v);
                return v;
            });
        }

        /** Passes the operand stack to successor blocks through the shared stack variables. */
        private void handOff(List<Block> successors) {
            List<Expr> values = new ArrayList<>(stack);
            List<Type> types = values.stream().map(Expr::type).toList();
            for (Block s : successors) {
                List<Type> known = entryStack.putIfAbsent(s, types);
                if (known != null && !known.equals(types)) {
                    throw unsupported("operand stack shapes differ at a join (" + known + " vs " + types + ")");
                }
            }
            if (values.isEmpty()) return;
            List<Var> targets = new ArrayList<>();
            for (int d = 0; d < values.size(); d++) {
                Expr v = values.get(d);
                if (v.type().isArray() || v.type() == Type.CONTEXT) {
                    Var ref = ((Expr.Local) v).var();
                    for (Block s : successors) {
                        Var prev = entryRefs.computeIfAbsent(s, k -> new HashMap<>()).putIfAbsent(d, ref);
                        if (prev != null && prev != ref) {
                            throw unsupported("choosing between arrays with a conditional (?:) is not supported; index one array instead");
                        }
                    }
                    targets.add(ref);
                } else {
                    targets.add(stackVar(d, types.get(d)));
                }
            }
            // Parallel assignment: a value that reads a stack variable assigned before it is saved first.
            for (int k = 0; k < values.size(); k++) {
                for (int j = 0; j < k; j++) {
                    if (reads(values.get(k), targets.get(j)) && !isVar(values.get(j), targets.get(j))) {
                        Var t = temp(values.get(k).type());
                        emit(new Stmt.Assign(t, values.get(k), lineAt(bci)));
                        values.set(k, new Expr.Local(t));
                        break;
                    }
                }
            }
            for (int d = 0; d < values.size(); d++) {
                if (!isVar(values.get(d), targets.get(d))) emit(new Stmt.Assign(targets.get(d), values.get(d), lineAt(bci)));
            }
        }

        private static boolean isVar(Expr e, Var v) {
            return e instanceof Expr.Local l && l.var() == v;
        }

        private void emit(Stmt s) {
            current.stmts.add(s);
        }

        // ---------------------------------------------------------------- stack helpers

        private Expr pop() {
            if (stack.isEmpty()) throw unsupported("operand stack underflow");
            return stack.removeLast();
        }

        private void push(Expr e) {
            stack.addLast(e);
        }

        private static boolean trivial(Expr e) {
            return e instanceof Expr.Const || e instanceof Expr.Local || e instanceof Expr.WorkItem;
        }

        /** Saves to temporaries the stack entries matching p, so a following side effect cannot change them. */
        private void spillIf(Predicate<Expr> p) {
            List<Expr> entries = new ArrayList<>(stack);
            boolean changed = false;
            for (int k = 0; k < entries.size(); k++) {
                Expr e = entries.get(k);
                if (!(e instanceof Expr.Const) && p.test(e)) {
                    if (e.type().isArray() || e.type() == Type.CONTEXT) continue;
                    Var t = temp(e.type());
                    emit(new Stmt.Assign(t, e, lineAt(bci)));
                    entries.set(k, new Expr.Local(t));
                    changed = true;
                }
            }
            if (changed) {
                stack.clear();
                stack.addAll(entries);
            }
        }

        static boolean reads(Expr e, Var v) {
            return ExprWalk.any(e, x -> x instanceof Expr.Local l && l.var() == v);
        }

        static boolean readsMemory(Expr e) {
            return ExprWalk.any(e, x -> x instanceof Expr.ArrayLoad || x instanceof Expr.VectorLoad || x instanceof Expr.Call);
        }

        private Var arrayOf(Expr e, String what) {
            if (e instanceof Expr.Local l && l.var().type.isArray()) return l.var();
            throw unsupported(what + " on something that is not a kernel array");
        }

        // ---------------------------------------------------------------- instructions

        private void step(Instruction ins, int index) {
            switch (ins) {
                case NopInstruction n -> { }
                case LoadInstruction li -> load(li);
                case StoreInstruction si -> store(si);
                case IncrementInstruction ii -> {
                    Var v = local(ii.slot(), Type.INT, false);
                    spillIf(e -> reads(e, v));
                    emit(new Stmt.Assign(v, new Expr.Binary(BinOp.ADD, Type.INT, new Expr.Local(v), Expr.Const.ofInt(ii.constant())), lineAt(bci)));
                }
                case ConstantInstruction ci -> constant(ci);
                case OperatorInstruction oi -> operator(oi);
                case ConvertInstruction cv -> convert(cv);
                case ArrayLoadInstruction al -> {
                    Type et = elementType(al.typeKind());
                    Expr index2 = pop();
                    Var arr = arrayOf(pop(), "array load");
                    if (arr.type.elementType() != et) throw unsupported("array type mismatch");
                    push(new Expr.ArrayLoad(arr, index2));
                }
                case ArrayStoreInstruction as -> {
                    elementType(as.typeKind());
                    Expr value = pop();
                    Expr idx = pop();
                    Var arr = arrayOf(pop(), "array store");
                    spillIf(Frontend::readsMemoryStatic);
                    emit(new Stmt.Store(arr, idx, value, lineAt(bci)));
                }
                case BranchInstruction br -> branch(br, index);
                case TableSwitchInstruction ts -> {
                    List<int[]> cases = new ArrayList<>();
                    List<Block> targets = new ArrayList<>();
                    for (SwitchCase c : ts.cases()) { cases.add(new int[]{c.caseValue()}); targets.add(blockAt(c.target())); }
                    switchOn(cases, targets, blockAt(ts.defaultTarget()));
                }
                case LookupSwitchInstruction ls -> {
                    List<int[]> cases = new ArrayList<>();
                    List<Block> targets = new ArrayList<>();
                    for (SwitchCase c : ls.cases()) { cases.add(new int[]{c.caseValue()}); targets.add(blockAt(c.target())); }
                    switchOn(cases, targets, blockAt(ls.defaultTarget()));
                }
                case ReturnInstruction ri -> {
                    if (ri.typeKind() == TypeKind.REFERENCE) throw unsupported("returning an object or array is not supported");
                    Expr v = ri.typeKind() == TypeKind.VOID ? null : pop();
                    current.terminator = new Block.Return(v, lineAt(bci));
                }
                case FieldInstruction fi -> field(fi);
                case NewPrimitiveArrayInstruction na -> newPrivateArray(na);
                case InvokeInstruction inv -> invoke(inv);
                case NewObjectInstruction no when Type.isVectorPackage(no.className().asInternalName()) -> {
                    Type vt = Type.vectorClass(no.className().asInternalName());
                    if (vt == null) throw unsupported(no.className().name().stringValue().substring(no.className().name().stringValue().lastIndexOf('/') + 1)
                            + " is not supported in kernels (the vector types Float2, Float4, Float8 and Float16 are)");
                    // The object becomes a vector variable; its constructor (invokespecial <init>) assigns the lanes.
                    push(new Expr.Local(temp(vt)));
                }
                case StackInstruction si -> stackOp(si);
                default -> throw unsupported(describeUnsupported(ins));
            }
        }

        private String describeUnsupported(Instruction ins) {
            return switch (ins.opcode()) {
                case NEW -> "object allocation ('new') is not supported in kernels";
                case ANEWARRAY, MULTIANEWARRAY ->
                        "arrays of objects or nested arrays are not supported in kernels; allocate flat private arrays (new float[N]), or pass the array in";
                case ATHROW -> "throwing exceptions is not supported in kernels";
                case MONITORENTER, MONITOREXIT -> "synchronization (synchronized) is not supported in kernels";
                case INVOKEDYNAMIC -> "invokedynamic (lambdas, string concatenation) is not supported in kernels";
                case CHECKCAST, INSTANCEOF -> "type checks and casts of objects are not supported in kernels";
                default -> "bytecode " + ins.opcode().name().toLowerCase() + " is not supported in kernels";
            };
        }

        private Type elementType(TypeKind k) {
            return switch (k) {
                case INT -> Type.INT;
                case LONG -> Type.LONG;
                case FLOAT -> Type.FLOAT;
                case DOUBLE -> Type.DOUBLE;
                case SHORT, BYTE, CHAR -> Type.INT; // narrow arrays hold int values, as the JVM's operand stack does
                case REFERENCE -> throw unsupported("arrays of objects or nested arrays are not supported; use flat primitive arrays");
                default -> throw unsupported(k.name().toLowerCase() + "[] arrays are not supported; use int[], long[], float[], double[], short[], byte[] or char[]");
            };
        }

        private static Type scalar(TypeKind k) {
            return switch (k) {
                case INT, BOOLEAN, BYTE, SHORT, CHAR -> Type.INT;
                case LONG -> Type.LONG;
                case FLOAT -> Type.FLOAT;
                case DOUBLE -> Type.DOUBLE;
                default -> null;
            };
        }

        private void load(LoadInstruction li) {
            if (li.typeKind() == TypeKind.REFERENCE) {
                String n = localName(li.slot(), false);
                Var bound = refBindings.get(refKey(li.slot(), n));
                if (bound == null) {
                    // a parameter whose LVT name is missing at this pc
                    for (Var p : fn.params) if (slotOf(p) == li.slot() && (p.type.isArray() || p.type == Type.CONTEXT)) bound = p;
                }
                if (bound == null) {
                    Var vector = vectorLocal(li.slot(), n);
                    if (vector != null) {
                        push(new Expr.Local(vector));
                        return;
                    }
                    throw unsupported("reads an object reference that is not a kernel array");
                }
                push(new Expr.Local(bound));
                return;
            }
            push(new Expr.Local(local(li.slot(), scalar(li.typeKind()), false)));
        }

        private void store(StoreInstruction si) {
            Expr value = pop();
            if (si.typeKind() == TypeKind.REFERENCE && value.type().isVector()) {
                // Vectors are values on a device: a second name for the same FloatN object would not see
                // the first one's set(...) calls, so copies go through duplicate() (a new object in Java too).
                if (value instanceof Expr.Local l && l.var().kind != Var.Kind.TEMP) {
                    throw unsupported("copies the " + value.type().javaName + " reference '" + l.var().name + "' into another variable; vectors are "
                            + "values on a device, so use " + l.var().name + ".duplicate() to copy one");
                }
                Var v = local(si.slot(), value.type(), true);
                spillIf(e -> reads(e, v));
                emit(new Stmt.Assign(v, value, lineAt(bci)));
                return;
            }
            if (si.typeKind() == TypeKind.REFERENCE) {
                if (!(value instanceof Expr.Local l) || !(l.var().type.isArray() || l.var().type == Type.CONTEXT)) {
                    throw unsupported("stores an object reference; kernels only name arrays they were given or allocated locally");
                }
                String n = localName(si.slot(), true);
                VarKey key = refKey(si.slot(), n);
                Var prev = refBindings.putIfAbsent(key, l.var());
                if (prev != null && prev != l.var()) {
                    throw unsupported("array variable '" + n + "' is assigned different arrays (" + prev.name + ", " + l.var().name
                            + "); a kernel array variable must always name the same array");
                }
                return;
            }
            Var v = local(si.slot(), scalar(si.typeKind()), true);
            spillIf(e -> reads(e, v));
            emit(new Stmt.Assign(v, value, lineAt(bci)));
        }

        private void constant(ConstantInstruction ci) {
            Object v = ci.constantValue();
            switch (v) {
                case Integer i -> push(new Expr.Const(Type.INT, i));
                case Long l -> push(new Expr.Const(Type.LONG, l));
                case Float f -> push(new Expr.Const(Type.FLOAT, f));
                case Double d -> push(new Expr.Const(Type.DOUBLE, d));
                case null -> throw unsupported("null references are not supported in kernels");
                case String s -> throw unsupported("strings are not supported in kernels (\"" + s + "\")");
                default -> throw unsupported("constant " + v + " is not supported in kernels");
            }
        }

        private void operator(OperatorInstruction oi) {
            Opcode op = oi.opcode();
            switch (op) {
                case ARRAYLENGTH -> push(new Expr.ArrayLength(arrayOf(pop(), "array.length")));
                case INEG, LNEG, FNEG, DNEG -> {
                    Expr a = pop();
                    push(new Expr.Neg(a.type(), a));
                }
                case LCMP, FCMPL, DCMPL, FCMPG, DCMPG -> {
                    Expr b = pop();
                    Expr a = pop();
                    int nan = (op == Opcode.FCMPG || op == Opcode.DCMPG) ? 1 : -1;
                    push(new Expr.CmpValue(a, b, nan));
                }
                default -> {
                    Expr b = pop();
                    Expr a = pop();
                    BinOp bop = switch (op) {
                        case IADD, LADD, FADD, DADD -> BinOp.ADD;
                        case ISUB, LSUB, FSUB, DSUB -> BinOp.SUB;
                        case IMUL, LMUL, FMUL, DMUL -> BinOp.MUL;
                        case IDIV, LDIV, FDIV, DDIV -> BinOp.DIV;
                        case IREM, LREM, FREM, DREM -> BinOp.REM;
                        case IAND, LAND -> BinOp.AND;
                        case IOR, LOR -> BinOp.OR;
                        case IXOR, LXOR -> BinOp.XOR;
                        case ISHL, LSHL -> BinOp.SHL;
                        case ISHR, LSHR -> BinOp.SHR;
                        case IUSHR, LUSHR -> BinOp.USHR;
                        default -> throw unsupported("operator " + op.name().toLowerCase() + " is not supported");
                    };
                    push(new Expr.Binary(bop, a.type(), a, b));
                }
            }
        }

        private void convert(ConvertInstruction cv) {
            ConvOp op = ConvOp.valueOf(cv.opcode().name());
            push(new Expr.Convert(op, pop()));
        }

        private void branch(BranchInstruction br, int index) {
            Opcode op = br.opcode();
            Block target = blockAt(br.target());
            if (op == Opcode.GOTO || op == Opcode.GOTO_W) {
                handOff(List.of(target));
                current.terminator = new Block.Goto(target);
                return;
            }
            Expr cond = switch (op) {
                case IFEQ, IFNE, IFLT, IFGE, IFGT, IFLE -> {
                    Expr v = pop();
                    CmpOp c = switch (op) {
                        case IFEQ -> CmpOp.EQ; case IFNE -> CmpOp.NE; case IFLT -> CmpOp.LT;
                        case IFGE -> CmpOp.GE; case IFGT -> CmpOp.GT; default -> CmpOp.LE;
                    };
                    yield v instanceof Expr.CmpValue cv ? fromCmpValue(cv, c) : new Expr.Compare(c, v, Expr.Const.ofInt(0));
                }
                case IF_ICMPEQ, IF_ICMPNE, IF_ICMPLT, IF_ICMPGE, IF_ICMPGT, IF_ICMPLE -> {
                    Expr b = pop();
                    Expr a = pop();
                    CmpOp c = switch (op) {
                        case IF_ICMPEQ -> CmpOp.EQ; case IF_ICMPNE -> CmpOp.NE; case IF_ICMPLT -> CmpOp.LT;
                        case IF_ICMPGE -> CmpOp.GE; case IF_ICMPGT -> CmpOp.GT; default -> CmpOp.LE;
                    };
                    yield new Expr.Compare(c, a, b);
                }
                default -> throw unsupported("comparing object references (" + op.name().toLowerCase() + ") is not supported");
            };
            Block fallthrough = blockAt.get(bcis.get(index + 1));
            List<Block> succ = List.of(target, fallthrough);
            if (!stack.isEmpty()) {
                Set<Var> assigned = new HashSet<>();
                int d = 0;
                for (Expr e : stack) assigned.add(stackVar(d++, e.type()));
                if (assigned.stream().anyMatch(v -> reads(cond, v))) {
                    Var t = temp(Type.BOOLEAN);
                    emit(new Stmt.Assign(t, cond, lineAt(bci)));
                    handOff(succ);
                    current.terminator = new Block.Branch(new Expr.Local(t), target, fallthrough, lineAt(bci));
                    return;
                }
            }
            handOff(succ);
            current.terminator = new Block.Branch(cond, target, fallthrough, lineAt(bci));
        }

        /**
         * {@code fcmpl/fcmpg/dcmpl/dcmpg/lcmp} followed by {@code if<op>}: the comparison of the result with 0
         * as one IEEE comparison. fcmpg yields 1 on NaN and fcmpl -1, so "result < 0" after fcmpg is just
         * {@code a < b}, but after fcmpl it must also hold for NaN: {@code !(a >= b)}.
         */
        private static Expr fromCmpValue(Expr.CmpValue cv, CmpOp op) {
            Expr a = cv.left(), b = cv.right();
            if (!a.type().isFloating() || op == CmpOp.EQ || op == CmpOp.NE) return new Expr.Compare(op, a, b);
            boolean nanSatisfies = switch (op) {
                case LT, LE -> cv.nanResult() < 0;
                default -> cv.nanResult() > 0;
            };
            return nanSatisfies ? new Expr.Not(new Expr.Compare(op.negate(), a, b)) : new Expr.Compare(op, a, b);
        }

        private void switchOn(List<int[]> cases, List<Block> targets, Block dflt) {
            Expr key = pop();
            if (!trivial(key)) {
                Var t = temp(Type.INT);
                emit(new Stmt.Assign(t, key, lineAt(bci)));
                key = new Expr.Local(t);
            }
            List<Block> all = new ArrayList<>(targets);
            all.add(dflt);
            handOff(all);
            // A chain of equality tests; javac's switch becomes if / else if.
            Block from = current;
            for (int k = 0; k < cases.size(); k++) {
                Block next = k + 1 < cases.size() ? new Block(nextBlockId++, bci) : dflt;
                if (next != dflt) switchBlocks.add(next);
                Expr cond = new Expr.Compare(CmpOp.EQ, key, Expr.Const.ofInt(cases.get(k)[0]));
                from.terminator = new Block.Branch(cond, targets.get(k), next, lineAt(bci));
                from = next;
            }
            if (cases.isEmpty()) current.terminator = new Block.Goto(dflt);
        }

        private void field(FieldInstruction fi) {
            String fowner = fi.owner().asInternalName();
            String fname = fi.name().stringValue();
            if (fi.opcode() == Opcode.GETFIELD && isContextClass(fowner)) {
                pop();
                push(contextField(fname));
                return;
            }
            if (fi.opcode() == Opcode.GETSTATIC) {
                try {
                    Class<?> c = Class.forName(fowner.replace('/', '.'), true, owner.getClassLoader());
                    Field f = c.getDeclaredField(fname);
                    if (Modifier.isFinal(f.getModifiers()) && f.getType().isPrimitive()) {
                        f.setAccessible(true);
                        Object v = f.get(null);
                        switch (v) {
                            case Integer i -> push(Expr.Const.ofInt(i));
                            case Short s -> push(Expr.Const.ofInt(s));
                            case Byte b -> push(Expr.Const.ofInt(b));
                            case Character ch -> push(Expr.Const.ofInt(ch));
                            case Boolean bo -> push(Expr.Const.ofInt(bo ? 1 : 0));
                            case Long l -> push(new Expr.Const(Type.LONG, l));
                            case Float fl -> push(new Expr.Const(Type.FLOAT, fl));
                            case Double d -> push(new Expr.Const(Type.DOUBLE, d));
                            default -> throw unsupported("static field " + fname);
                        }
                        return;
                    }
                } catch (ReflectiveOperationException e) {
                    throw unsupported("cannot read static field " + fowner.replace('/', '.') + "." + fname + ": " + e);
                }
                throw unsupported("reads static field " + fowner.replace('/', '.') + "." + fname
                        + "; kernels may read only static final primitive constants");
            }
            throw unsupported("field access " + fowner.replace('/', '.') + "." + fname + " is not supported in kernels");
        }

        private Expr contextField(String f) {
            return switch (f) {
                case "globalIdx" -> new Expr.WorkItem(Expr.Query.GLOBAL_ID, 0);
                case "globalIdy" -> new Expr.WorkItem(Expr.Query.GLOBAL_ID, 1);
                case "globalIdz" -> new Expr.WorkItem(Expr.Query.GLOBAL_ID, 2);
                case "localIdx" -> new Expr.WorkItem(Expr.Query.LOCAL_ID, 0);
                case "localIdy" -> new Expr.WorkItem(Expr.Query.LOCAL_ID, 1);
                case "localIdz" -> new Expr.WorkItem(Expr.Query.LOCAL_ID, 2);
                case "groupIdx" -> new Expr.WorkItem(Expr.Query.GROUP_ID, 0);
                case "groupIdy" -> new Expr.WorkItem(Expr.Query.GROUP_ID, 1);
                case "groupIdz" -> new Expr.WorkItem(Expr.Query.GROUP_ID, 2);
                case "globalGroupSizeX" -> new Expr.WorkItem(Expr.Query.GLOBAL_SIZE, 0);
                case "globalGroupSizeY" -> new Expr.WorkItem(Expr.Query.GLOBAL_SIZE, 1);
                case "globalGroupSizeZ" -> new Expr.WorkItem(Expr.Query.GLOBAL_SIZE, 2);
                case "localGroupSizeX" -> new Expr.WorkItem(Expr.Query.LOCAL_SIZE, 0);
                case "localGroupSizeY" -> new Expr.WorkItem(Expr.Query.LOCAL_SIZE, 1);
                case "localGroupSizeZ" -> new Expr.WorkItem(Expr.Query.LOCAL_SIZE, 2);
                default -> throw unsupported("KernelContext." + f + " is not supported");
            };
        }

        private void invoke(InvokeInstruction inv) {
            String iowner = inv.owner().asInternalName();
            String mname = inv.name().stringValue();
            MethodTypeDesc mt = inv.typeSymbol();
            if (Type.isVectorPackage(iowner)) {
                vectorCall(inv, iowner, mname, mt);
                return;
            }
            if (isContextClass(iowner) && inv.opcode() == Opcode.INVOKEVIRTUAL) {
                switch (mname) {
                    case "localBarrier", "globalBarrier" -> {
                        pop();
                        spillIf(Frontend::readsMemoryStatic);
                        emit(new Stmt.Barrier(mname.equals("globalBarrier"), lineAt(bci)));
                    }
                    case "allocateFloatLocalArray", "allocateIntLocalArray", "allocateLongLocalArray", "allocateDoubleLocalArray" -> {
                        if (!isKernel) throw unsupported("local arrays must be allocated in the kernel itself and passed to helpers");
                        Expr size = pop();
                        pop();
                        Type t = Type.ofDescriptor(mt.returnType().descriptorString());
                        Var arr = new Var(Var.Kind.LOCAL_ARRAY, t, "local" + fn.locals.size(), -1);
                        String n = nextStoreName();
                        if (n != null) arr.name = n;
                        arr.localArraySize = size;
                        fn.locals.add(arr);
                        push(new Expr.Local(arr));
                    }
                    case "atomicAdd" -> {
                        Expr value = pop();
                        Expr index = pop();
                        Var arr = arrayOf(pop(), "KernelContext.atomicAdd");
                        pop();
                        if (arr.type != Type.INT_ARRAY) throw unsupported("KernelContext.atomicAdd on " + arr.type.javaName + " (int arrays only)");
                        spillIf(Frontend::readsMemoryStatic);
                        emit(new Stmt.AtomicAdd(arr, index, value, lineAt(bci)));
                    }
                    default -> throw unsupported("KernelContext." + mname + " is not supported");
                }
                return;
            }
            if (iowner.startsWith(NATIVE_ARRAYS) && inv.opcode() == Opcode.INVOKEVIRTUAL) {
                nativeArrayCall(iowner, mname, mt);
                return;
            }
            if (inv.opcode() != Opcode.INVOKESTATIC) {
                throw unsupported("calls " + inv.opcode().name().toLowerCase() + " " + iowner.replace('/', '.') + "." + mname
                        + "; kernels may only call static methods (virtual calls and objects are not supported)");
            }
            List<Expr> args = new ArrayList<>();
            for (int i = mt.parameterCount() - 1; i >= 0; i--) args.addFirst(pop());
            Type ret = Type.ofDescriptor(mt.returnType().descriptorString());
            if ((iowner.equals("java/lang/Integer") || iowner.equals("java/lang/Long")) && mname.equals("compare")) {
                push(new Expr.CmpValue(args.get(0), args.get(1), 0));
                return;
            }
            hetero.runtime.jit.ir.Intrinsic intrinsic = Intrinsics.of(iowner, mname, mt);
            if (intrinsic != null) {
                push(new Expr.Intrinsic(intrinsic, ret, List.copyOf(args)));
                return;
            }
            if (iowner.startsWith("java/") || iowner.startsWith("jdk/") || iowner.startsWith("sun/")) {
                throw unsupported("calls " + iowner.replace('/', '.') + "." + mname + mt.descriptorString()
                        + ", which has no device equivalent (use KMath or java.lang.Math)");
            }
            Class<?> calleeClass;
            try {
                calleeClass = Class.forName(iowner.replace('/', '.'), false, owner.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw unsupported("cannot load " + iowner);
            }
            String calleeKey = calleeClass.getName() + "::" + mname + mt.descriptorString();
            if (callChain.contains(calleeKey + "#device") || callChain.contains(calleeKey + "#kernel")) {
                // refused here, at the call, so the message points at the recursive call's line
                throw unsupported("recursion is not supported on devices: the call of " + calleeClass.getName() + "::" + mname
                        + " closes the cycle " + String.join(" -> ", callChain.reversed()));
            }
            Function callee;
            try {
                callee = Frontend.parse(calleeClass, mname, mt.descriptorString(), false, callChain, models);
            } catch (UnsupportedKernelException e) {
                throw new UnsupportedKernelException(e.owner(), e.method(), e.bci(), e.line(),
                        e.construct() + " (called from " + owner.getName() + "::" + name + " line " + lineAt(bci) + ")");
            }
            for (Expr a : args) {
                if (a instanceof Expr.Local l && l.var().kind == Var.Kind.PRIVATE_ARRAY) {
                    throw unsupported("passes private array '" + l.var().name + "' to " + calleeClass.getName() + "::" + mname
                            + "; private arrays cannot leave the method that allocates them (use them there, or pass a kernel array)");
                }
            }
            // A device function may write memory: keep program order.
            spillIf(Frontend::readsMemoryStatic);
            Expr call = new Expr.Call(callee, List.copyOf(args));
            if (ret == Type.VOID) {
                emit(new Stmt.Eval(call, lineAt(bci)));
            } else {
                Var t = temp(ret);
                emit(new Stmt.Assign(t, call, lineAt(bci)));
                push(new Expr.Local(t));
            }
        }

        /** A vector variable stored in this slot under this name, or null. */
        private Var vectorLocal(int slot, String n) {
            for (Type t : Type.values()) {
                if (!t.isVector()) continue;
                Var v = vars.get(varKey(slot, t, n));
                if (v != null) return v;
            }
            return null;
        }

        /** A call on TornadoVM's vector classes: constructors here, everything else through VectorCalls. */
        private void vectorCall(InvokeInstruction inv, String iowner, String mname, MethodTypeDesc mt) {
            Type vt = Type.vectorClass(iowner);
            String cls = iowner.substring(iowner.lastIndexOf('/') + 1);
            if (vt == null) {
                throw unsupported(cls + " is not supported in kernels (the vector types Float2, Float4, Float8 and Float16 are)");
            }
            List<Expr> args = new ArrayList<>();
            for (int i = mt.parameterCount() - 1; i >= 0; i--) args.addFirst(pop());
            if (inv.opcode() == Opcode.INVOKESPECIAL && mname.equals("<init>")) {
                Expr self = pop();
                if (!(self instanceof Expr.Local l) || l.var().type != vt) throw unsupported("constructor call of " + cls + " on something else");
                boolean lanes = mt.parameterCount() == vt.lanes() && mt.parameterList().stream().allMatch(p -> p.descriptorString().equals("F"));
                if (mt.parameterCount() == 0) {
                    args = java.util.Collections.nCopies(vt.lanes(), new Expr.Const(Type.FLOAT, 0f));
                } else if (!lanes) {
                    throw unsupported("constructor " + cls + mt.descriptorString() + " is not supported in kernels (new " + cls + "() and new "
                            + cls + "(one float per lane) are)");
                }
                emit(new Stmt.Assign(l.var(), new Expr.VectorOf(vt, args), lineAt(bci)));
                return;
            }
            Expr receiver = inv.opcode() == Opcode.INVOKESTATIC ? null : pop();
            VectorCalls.Result r = VectorCalls.call(vt, mname, mt.descriptorString(), receiver, args, this::dupable, this::unsupported);
            switch (r.effect()) {
                case null -> {
                    if (r.value() == null) return;
                    // duplicate() is a new object in Java: give it a variable of its own, so storing it is not an alias
                    push(mname.equals("duplicate") ? spilled(r.value()) : r.value());
                }
                case VectorCalls.SetLane set -> {
                    // v.set(i, x) changes the variable v; on a value with no name it changes nothing anyone can read
                    if (set.receiver() instanceof Expr.Local l) {
                        spillIf(e -> reads(e, l.var()));
                        emit(new Stmt.Assign(l.var(), new Expr.WithLane(set.receiver(), set.lane(), set.value()), lineAt(bci)));
                    }
                }
                case VectorCalls.Store st -> {
                    Var arr = arrayOf(st.array(), cls + ".storeToArray");
                    if (arr.type != Type.FLOAT_ARRAY) throw unsupported(cls + ".storeToArray to " + arr.type.javaName + " (float arrays only)");
                    spillIf(Frontend::readsMemoryStatic);
                    emit(new Stmt.VectorStore(arr, st.index(), st.value(), lineAt(bci)));
                }
            }
        }

        private Expr spilled(Expr e) {
            Var t = temp(e.type());
            emit(new Stmt.Assign(t, e, lineAt(bci)));
            return new Expr.Local(t);
        }

        /**
         * TornadoVM's off-heap arrays (FloatArray, IntArray, ...): get, set and getSize are the
         * device array's load, store and length; anything else is refused by name.
         */
        private void nativeArrayCall(String iowner, String mname, MethodTypeDesc mt) {
            String cls = iowner.substring(iowner.lastIndexOf('/') + 1);
            Type arrayType = Type.ofDescriptor("L" + iowner + ";");
            if (arrayType == null) {
                throw unsupported(cls + " is not supported in kernels");
            }
            String element = arrayType.elementDescriptor();
            switch (mname + mt.descriptorString()) {
                case String sig when sig.equals("get(I)" + element) -> {
                    Expr index = pop();
                    push(new Expr.ArrayLoad(arrayOf(pop(), cls + ".get"), index));
                }
                case String sig when sig.equals("set(I" + element + ")V") -> {
                    Expr value = pop();
                    Expr index = pop();
                    Var arr = arrayOf(pop(), cls + ".set");
                    spillIf(Frontend::readsMemoryStatic);
                    emit(new Stmt.Store(arr, index, value, lineAt(bci)));
                }
                case "getSize()I" -> push(new Expr.ArrayLength(arrayOf(pop(), cls + ".getSize")));
                default -> throw unsupported(cls + "." + mname + " is not supported in kernels (get, set and getSize are)");
            }
        }

        /**
         * {@code new T[size]} in a kernel: a private array of the work-item (registers or private
         * memory on a device), zeroed where Java allocates it. Its size must be a constant once the
         * kernel is specialized: literals and static finals fold here; an expression of the
         * kernel's scalar parameters folds when the plan specializes them (it does so on its own,
         * as for local arrays). Anything else is refused here, with this bytecode offset.
         */
        private void newPrivateArray(NewPrimitiveArrayInstruction na) {
            Type element = switch (na.typeKind()) {
                case INT -> Type.INT;
                case LONG -> Type.LONG;
                case FLOAT -> Type.FLOAT;
                case DOUBLE -> Type.DOUBLE;
                default -> throw unsupported("private arrays of " + na.typeKind().name().toLowerCase()
                        + " are not supported in kernels; allocate int[], long[], float[] or double[]");
            };
            Expr size = pop();
            boolean foldable = !ExprWalk.any(size, e -> !(e instanceof Expr.Const || e instanceof Expr.Binary
                    || (isKernel && e instanceof Expr.Local l && l.var().kind == Var.Kind.PARAM && !l.var().type.isArray())));
            if (!foldable) {
                throw unsupported("the size of a private array (new " + element.javaName + "[...]) must be a constant when the kernel is compiled: "
                        + (isKernel ? "a literal, a static final, or an expression of the kernel's scalar parameters"
                                    : "a literal or a static final (a device function's parameters are not specialized)"));
            }
            Var arr = new Var(Var.Kind.PRIVATE_ARRAY, element.arrayOf(), "private" + fn.locals.size(), -1);
            String n = nextStoreName();
            if (n != null) arr.name = n;
            arr.localArraySize = size;
            fn.locals.add(arr);
            emit(new Stmt.NewPrivateArray(arr, bci, lineAt(bci)));
            push(new Expr.Local(arr));
        }

        /** The LVT name of the reference the next instruction stores into, to name a local array. */
        private String nextStoreName() {
            int i = indexOfBci.get(bci) + 1;
            if (i < instructions.size() && instructions.get(i) instanceof StoreInstruction si && si.typeKind() == TypeKind.REFERENCE) {
                int saved = bci;
                bci = bcis.get(i);
                String n = localName(si.slot(), true);
                bci = saved;
                return n;
            }
            return null;
        }

        private static boolean category2(Expr e) {
            return e.type() == Type.LONG || e.type() == Type.DOUBLE;
        }

        private Expr dupable(Expr e) {
            if (trivial(e) || e.type().isArray() || e.type() == Type.CONTEXT) return e;
            Var t = temp(e.type());
            emit(new Stmt.Assign(t, e, lineAt(bci)));
            return new Expr.Local(t);
        }

        private void stackOp(StackInstruction si) {
            switch (si.opcode()) {
                case POP -> pop();
                case POP2 -> {
                    Expr a = pop();
                    if (!category2(a)) pop();
                }
                case DUP -> {
                    Expr a = dupable(pop());
                    push(a);
                    push(a);
                }
                case DUP_X1 -> {
                    Expr a = dupable(pop());
                    Expr b = pop();
                    push(a); push(b); push(a);
                }
                case DUP_X2 -> {
                    Expr a = dupable(pop());
                    Expr b = pop();
                    if (category2(b)) {
                        push(a); push(b); push(a);
                    } else {
                        Expr c = pop();
                        push(a); push(c); push(b); push(a);
                    }
                }
                case DUP2 -> {
                    Expr a = dupable(pop());
                    if (category2(a)) {
                        push(a); push(a);
                    } else {
                        Expr b = dupable(pop());
                        push(b); push(a); push(b); push(a);
                    }
                }
                case DUP2_X1 -> {
                    Expr a = dupable(pop());
                    if (category2(a)) {
                        Expr b = pop();
                        push(a); push(b); push(a);
                    } else {
                        Expr b = dupable(pop());
                        Expr c = pop();
                        push(b); push(a); push(c); push(b); push(a);
                    }
                }
                case DUP2_X2 -> {
                    Expr a = dupable(pop());
                    if (!category2(a)) throw unsupported("dup2_x2 on category-1 values is not supported");
                    Expr b = pop();
                    if (category2(b)) {
                        push(a); push(b); push(a);
                    } else {
                        Expr c = pop();
                        push(a); push(c); push(b); push(a);
                    }
                }
                case SWAP -> {
                    Expr a = pop();
                    Expr b = pop();
                    push(a); push(b);
                }
                default -> throw unsupported("stack operation " + si.opcode());
            }
        }

        // ---------------------------------------------------------------- @Parallel and names

        /** The variables declared with @Parallel (from RuntimeVisibleTypeAnnotations on the Code attribute). */
        private List<ParallelLoops.Annotated> parallelVariables() {
            List<ParallelLoops.Annotated> out = new ArrayList<>();
            code.findAttribute(Attributes.runtimeVisibleTypeAnnotations()).ifPresent(attr -> {
                for (TypeAnnotation ta : attr.annotations()) {
                    String annotation = ta.annotation().className().stringValue();
                    if (!annotation.equals(PARALLEL) && !annotation.equals(TORNADO_PARALLEL)) continue;
                    boolean outermostFirst = annotation.equals(TORNADO_PARALLEL);
                    if (ta.targetInfo() instanceof TypeAnnotation.LocalVarTarget lv) {
                        for (TypeAnnotation.LocalVarTargetInfo info : lv.table()) {
                            int start = code.labelToBci(info.startLabel());
                            int end = code.labelToBci(info.endLabel());
                            String n = lvtName(info.index(), start);
                            Var v = vars.get(varKey(info.index(), Type.INT, n));
                            if (v == null) {
                                throw new UnsupportedKernelException(owner.getName(), name, start, lineAt(start),
                                        "@Parallel is only supported on int loop variables");
                            }
                            out.add(new ParallelLoops.Annotated(v, start, end, lineAt(start), outermostFirst));
                        }
                    }
                }
            });
            return out;
        }

        /** Java allows the same name in sibling scopes with other types; C needs one name per variable. */
        private void uniquifyNames() {
            Set<String> used = new HashSet<>();
            List<Var> all = new ArrayList<>(fn.params);
            all.addAll(fn.locals);
            for (Var v : all) {
                String base = CNames.safe(v.name);
                String n = base;
                for (int k = 1; !used.add(n); k++) n = base + "_" + k;
                v.name = n;
            }
        }
    }

    static boolean readsMemoryStatic(Expr e) {
        return MethodParser.readsMemory(e);
    }
}
