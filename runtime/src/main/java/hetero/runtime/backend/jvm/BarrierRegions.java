package hetero.runtime.backend.jvm;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.attribute.LocalVariableInfo;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.IncrementInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LineNumber;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessFlag;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a KernelContext kernel at its barriers, the way CPU OpenCL drivers do: the kernel's
 * bytecode is rewritten (with the ClassFile API) into a {@link RegionStepper} whose
 * {@code step} runs one work-item up to its next barrier, saves the item's live locals and
 * returns the barrier's number; the next call restores them and jumps to just after that
 * barrier. The emulator calls it for every item of a group in turn, so each barrier-separated
 * region runs as a plain loop over the work-items, on one platform thread per group, with no
 * thread switch and no lock.
 *
 * <p>The generated class also holds copies of the kernel class's static methods, and its code
 * follows the device contract as {@link DeviceBytecode}'s copy does: integer division and
 * remainder by zero give 0.
 *
 * <p>Static callees that (directly or not) wait at a barrier are inlined, so a barrier may sit in
 * a helper such as a tree reduction. Which locals are live at a barrier comes from the
 * LocalVariableTable (the project compiles with {@code -g}). Whatever this does not handle
 * (no LocalVariableTable, exception handlers, an instance-method kernel, a barrier with values on
 * the operand stack, a barrier helper in another package) is reported as {@link Unsupported} and
 * the emulator falls back to a thread per work-item.
 */
final class BarrierRegions {
    private static final String CONTEXT = "hetero/runtime/api/KernelContext";
    private static final ClassDesc CD_LONG_ARRAY = ConstantDescs.CD_long.arrayType();
    private static final ClassDesc CD_OBJECT_ARRAY = ConstantDescs.CD_Object.arrayType();
    private static final MethodTypeDesc STEP = MethodTypeDesc.of(ConstantDescs.CD_int, CD_LONG_ARRAY, CD_OBJECT_ARRAY, ConstantDescs.CD_int, CD_OBJECT_ARRAY);
    // Slots of step(): this, prims, refs, at, args; the kernel's own locals follow.
    private static final int PRIMS = 1, REFS = 2, AT = 3, ARGS = 4, SHIFT = 5;

    /** The kernel is outside what the splitter handles; the message says why. */
    static final class Unsupported extends Exception {
        Unsupported(String message) {
            super(message);
        }
    }

    /** A split kernel: its stepper, and how many local slots an item's saved state needs. */
    record Split(RegionStepper stepper, int slots, int barriers, int codeBytes) {
    }

    private BarrierRegions() {
    }

    /** True if the kernel, or a static method it calls (transitively), waits at a barrier. */
    static boolean usesBarriers(Method kernel) {
        try {
            return new Splitter(kernel).callsBarrier(kernel.getDeclaringClass(), kernel.getName(), descriptor(kernel), new ArrayDeque<>());
        } catch (Unsupported e) {
            return true;   // cannot read it: assume barriers, the safe side
        }
    }

    static Split split(Method kernel) throws Unsupported {
        if (!java.lang.reflect.Modifier.isStatic(kernel.getModifiers())) throw new Unsupported("the kernel is an instance method");
        Splitter s = new Splitter(kernel);
        byte[] bytes = s.generate();
        try {
            var lookup = MethodHandles.privateLookupIn(kernel.getDeclaringClass(), MethodHandles.lookup())
                    .defineHiddenClass(bytes, true, MethodHandles.Lookup.ClassOption.NESTMATE);
            RegionStepper stepper = (RegionStepper) lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class)).invoke();
            int codeBytes = ClassFile.of().parse(bytes).methods().stream().filter(mm -> mm.methodName().equalsString("step"))
                    .mapToInt(mm -> mm.code().map(c -> ((CodeAttribute) c).codeLength()).orElse(0)).sum();
            return new Split(stepper, s.slots, s.barriers, codeBytes);
        } catch (LinkageError | ReflectiveOperationException e) {
            throw new Unsupported("the split kernel does not load: " + e);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static String descriptor(Method m) {
        return MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
    }

    static ClassModel classModel(Class<?> owner) throws Unsupported {
        String file = owner.getName().substring(owner.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = owner.getResourceAsStream(file)) {
            if (in == null) throw new Unsupported("cannot read the class file of " + owner.getName());
            return ClassFile.of().parse(in.readAllBytes());
        } catch (IOException e) {
            throw new Unsupported("cannot read the class file of " + owner.getName() + ": " + e.getMessage());
        }
    }

    /** A local the item keeps across a barrier: its slot in step() and its type. */
    private record Live(int slot, ClassDesc type) {
    }

    /** A barrier site: its number, the locals live there and where the item resumes. */
    private record Site(int number, List<Live> live, Label resume) {
    }

    private static final class Splitter {
        private final Method kernel;
        private final Class<?> kernelClass;
        private final Map<Class<?>, ClassModel> models = new HashMap<>();
        private final List<Site> sites = new ArrayList<>();
        /** Per site, the block that restores its live locals and jumps back in. */
        private final List<Label> sitesRestore = new ArrayList<>();
        private int slots = SHIFT;
        private int barriers;

        /** The kernel's class, and the split class made from it. */
        private final ClassDesc kernelDesc, self;

        Splitter(Method kernel) {
            this.kernel = kernel;
            this.kernelClass = kernel.getDeclaringClass();
            this.kernelDesc = ClassDesc.of(kernelClass.getName());
            this.self = ClassDesc.of(kernelClass.getName() + "$BarrierRegions");
        }

        ClassModel model(Class<?> c) throws Unsupported {
            ClassModel m = models.get(c);
            if (m == null) models.put(c, m = classModel(c));
            return m;
        }

        Class<?> owner(InvokeInstruction inv) throws Unsupported {
            String name = inv.owner().asInternalName().replace('/', '.');
            try {
                return Class.forName(name, false, kernelClass.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new Unsupported("cannot load " + name);
            }
        }

        MethodModel method(Class<?> owner, String name, String desc) throws Unsupported {
            for (MethodModel mm : model(owner).methods()) {
                if (mm.methodName().equalsString(name) && mm.methodType().equalsString(desc)) return mm;
            }
            throw new Unsupported("no method " + owner.getName() + "." + name + desc);
        }

        static boolean isBarrier(InvokeInstruction inv) {
            return inv.owner().asInternalName().equals(CONTEXT)
                    && (inv.name().equalsString("localBarrier") || inv.name().equalsString("globalBarrier"));
        }

        boolean callsBarrier(Class<?> owner, String name, String desc, Deque<String> chain) throws Unsupported {
            String key = owner.getName() + "." + name + desc;
            if (chain.contains(key)) return false;   // recursion: the splitter refuses it where it matters
            MethodModel mm = method(owner, name, desc);
            if (mm.code().isEmpty()) return false;
            chain.push(key);
            try {
                for (CodeElement e : mm.code().get()) {
                    if (!(e instanceof InvokeInstruction inv)) continue;
                    if (isBarrier(inv)) return true;
                    if (inv.opcode() == Opcode.INVOKESTATIC && !inv.owner().asInternalName().startsWith("java/")
                            && callsBarrier(owner(inv), inv.name().stringValue(), inv.type().stringValue(), chain)) {
                        return true;
                    }
                }
                return false;
            } finally {
                chain.pop();
            }
        }

        byte[] generate() throws Unsupported {
            MethodModel mm = method(kernelClass, kernel.getName(), descriptor(kernel));
            ClassHierarchyResolver resolver = ClassHierarchyResolver.defaultResolver()
                    .orElse(ClassHierarchyResolver.ofClassLoading(kernelClass.getClassLoader()));
            Unsupported[] refused = new Unsupported[1];
            ClassModel original = model(kernelClass);
            try {
                return ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(resolver)).build(self, clb -> {
                    clb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SYNTHETIC);
                    clb.withInterfaceSymbols(ClassDesc.of(RegionStepper.class.getName()));
                    // The kernel class's static methods, under the device contract (x / 0 gives 0, as in
                    // DeviceBytecode's copy): the split code calls these instead of the originals.
                    for (MethodModel m : original.methods()) {
                        if (!m.flags().has(AccessFlag.STATIC) || m.methodName().equalsString(ConstantDescs.CLASS_INIT_NAME) || m.code().isEmpty()) continue;
                        clb.transformMethod(m, (mb, me) -> {
                            if (me instanceof java.lang.classfile.CodeModel code) mb.transformCode(code, (b, ce) -> copy(b, ce));
                            else mb.with(me);
                        });
                    }
                    clb.withMethodBody(ConstantDescs.INIT_NAME, ConstantDescs.MTD_void, ClassFile.ACC_PUBLIC, cb -> {
                        cb.aload(0);
                        cb.invokespecial(ConstantDescs.CD_Object, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void);
                        cb.return_();
                    });
                    clb.withMethodBody("step", STEP, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL, cb -> {
                        try {
                            step(cb, mm);
                        } catch (Unsupported u) {
                            refused[0] = u;
                            throw new IllegalStateException(u);
                        }
                    });
                });
            } catch (IllegalStateException | IllegalArgumentException | VerifyError e) {
                if (refused[0] != null) throw refused[0];
                // The stack map generator finding values on the operand stack across a barrier.
                String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                throw new Unsupported("its bytecode cannot be split at the barriers (a barrier helper called inside an expression,"
                        + " such as out[i] = helper(ctx, ...)? assign its result to a local first): " + first);
            }
        }

        private void step(CodeBuilder cb, MethodModel mm) throws Unsupported {
            Label dispatch = cb.newLabel(), start = cb.newLabel(), bad = cb.newLabel();
            cb.goto_(dispatch);
            cb.labelBinding(start);
            // Start of an item: the kernel's parameters from args, unboxed.
            List<ClassDesc> params = mm.methodTypeSymbol().parameterList();
            int slot = SHIFT;
            for (int i = 0; i < params.size(); i++) {
                ClassDesc p = params.get(i);
                cb.aload(ARGS);
                cb.loadConstant(i);
                cb.aaload();
                unbox(cb, p);
                cb.storeLocal(kind(p), slot);
                slot += kind(p).slotSize();
            }
            inline(cb, kernelClass, mm, SHIFT, null, new ArrayDeque<>(List.of(kernelClass.getName() + "." + kernel.getName())));
            for (Site s : sites) {
                Label restore = cb.newLabel();
                cb.labelBinding(restore);
                for (Live l : s.live) restore(cb, l);
                cb.goto_(s.resume);
                sitesRestore.add(restore);
            }
            cb.labelBinding(dispatch);
            List<SwitchCase> cases = new ArrayList<>();
            cases.add(SwitchCase.of(0, start));
            for (int i = 0; i < sites.size(); i++) cases.add(SwitchCase.of(i + 1, sitesRestore.get(i)));
            cb.iload(AT);
            cb.tableswitch(0, sites.size(), bad, cases);
            cb.labelBinding(bad);
            ClassDesc ise = ClassDesc.of(IllegalStateException.class.getName());
            cb.new_(ise);
            cb.dup();
            cb.loadConstant("no such barrier");
            cb.invokespecial(ise, ConstantDescs.INIT_NAME, MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_String));
            cb.athrow();
        }

        /**
         * Copies {@code mm}'s code with its locals moved up by {@code base}: barriers become
         * save-and-return points, calls to barrier helpers are inlined, and returns go to
         * {@code exit} (or end the item when this is the kernel itself).
         *
         * <p>A barrier saves only the locals of its own method that are live after it. The caller's
         * live locals are saved once when an inlined helper is entered and restored once when it
         * returns (the helper cannot touch them), so a reduction with many barriers in a helper moves
         * only the helper's few locals per barrier.
         */
        private void inline(CodeBuilder cb, Class<?> owner, MethodModel mm, int base, Label exit, Deque<String> chain) throws Unsupported {
            String where = owner.getSimpleName() + "." + mm.methodName().stringValue();
            if (!(mm.code().orElse(null) instanceof CodeAttribute code)) throw new Unsupported(where + " has no code");
            List<LocalVariableInfo> lvt = code.findAttribute(Attributes.localVariableTable())
                    .map(a -> a.localVariables()).orElseThrow(() -> new Unsupported(where + " has no LocalVariableTable (compile with -g)"));
            if (owner != kernelClass) checkAccessible(owner, code, where);
            slots = Math.max(slots, base + code.maxLocals());
            java.util.BitSet receivers = barrierReceivers(code);
            Liveness liveness = new Liveness(code, receivers);
            Map<Label, Label> labels = new HashMap<>();
            java.util.function.Function<Label, Label> map = l -> labels.computeIfAbsent(l, k -> cb.newLabel());
            int bci = 0, index = 0;
            for (CodeElement e : code) {
                switch (e) {
                    case ExceptionCatch c -> throw new Unsupported(where + " has an exception handler");
                    case LabelTarget t -> cb.labelBinding(map.apply(t.label()));
                    case LineNumber n -> cb.lineNumber(n.line());
                    case BranchInstruction b -> cb.branch(b.opcode(), map.apply(b.target()));
                    case TableSwitchInstruction t -> cb.tableswitch(t.lowValue(), t.highValue(), map.apply(t.defaultTarget()),
                            t.cases().stream().map(c -> SwitchCase.of(c.caseValue(), map.apply(c.target()))).toList());
                    case LookupSwitchInstruction t -> cb.lookupswitch(map.apply(t.defaultTarget()),
                            t.cases().stream().map(c -> SwitchCase.of(c.caseValue(), map.apply(c.target()))).toList());
                    case LoadInstruction l -> {
                        // a load of only the KernelContext a barrier is called on is dropped with the call
                        if (!receivers.get(index)) cb.loadLocal(l.typeKind(), l.slot() + base);
                    }
                    case StoreInstruction s -> cb.storeLocal(s.typeKind(), s.slot() + base);
                    case IncrementInstruction i -> cb.iinc(i.slot() + base, i.constant());
                    case ReturnInstruction r -> {
                        if (exit == null) {
                            cb.loadConstant(0);
                            cb.ireturn();
                        } else {
                            cb.goto_(exit);
                        }
                    }
                    case InvokeInstruction inv when isBarrier(inv) -> {
                        if (!receivers.get(index - 1)) cb.pop();   // the KernelContext the barrier was called on
                        List<Live> live = live(lvt, liveness.after(index), bci, base, where);
                        Site site = new Site(sites.size() + 1, live, cb.newLabel());
                        sites.add(site);
                        barriers++;
                        for (Live l : live) save(cb, l);
                        cb.loadConstant(site.number);
                        cb.ireturn();
                        cb.labelBinding(site.resume);
                    }
                    case InvokeInstruction inv when inv.opcode() == Opcode.INVOKESTATIC && !inv.owner().asInternalName().startsWith("java/")
                            && callsBarrier(owner(inv), inv.name().stringValue(), inv.type().stringValue(), new ArrayDeque<>()) -> {
                        Class<?> calleeOwner = owner(inv);
                        String key = calleeOwner.getName() + "." + inv.name().stringValue() + inv.type().stringValue();
                        if (chain.contains(key)) throw new Unsupported("recursion through " + key);
                        if (!calleeOwner.getPackageName().equals(kernelClass.getPackageName())) {
                            throw new Unsupported("barrier helper " + key + " is in another package than the kernel");
                        }
                        MethodModel callee = method(calleeOwner, inv.name().stringValue(), inv.type().stringValue());
                        int calleeBase = slots;
                        List<ClassDesc> ps = inv.typeSymbol().parameterList();
                        int[] paramSlots = new int[ps.size()];
                        for (int i = 0, s = 0; i < ps.size(); i++) {
                            paramSlots[i] = s;
                            s += kind(ps.get(i)).slotSize();
                        }
                        for (int i = ps.size() - 1; i >= 0; i--) cb.storeLocal(kind(ps.get(i)), calleeBase + paramSlots[i]);
                        List<Live> kept = live(lvt, liveness.after(index), bci, base, where);
                        for (Live l : kept) save(cb, l);
                        Label back = cb.newLabel();
                        chain.push(key);
                        inline(cb, calleeOwner, callee, calleeBase, back, chain);
                        chain.pop();
                        cb.labelBinding(back);
                        for (Live l : kept) restore(cb, l);
                    }
                    case Instruction i -> copy(cb, i);
                    default -> {
                        // LocalVariable, type annotations, stack maps: not carried into the split code.
                    }
                }
                if (e instanceof Instruction i) {
                    bci += i.sizeInBytes();
                    index++;
                }
            }
        }

        /**
         * The instructions (numbered as in {@link Liveness}) that only load the receiver of the
         * barrier call right after them ({@code ctx.localBarrier()}): the split code drops both, so
         * the context needs no saving when nothing else uses it after the barrier.
         */
        private static java.util.BitSet barrierReceivers(CodeAttribute code) {
            java.util.BitSet out = new java.util.BitSet();
            int index = 0;
            Instruction previous = null;
            for (CodeElement e : code) {
                if (e instanceof LabelTarget) previous = null;   // a jump target in between: keep both
                if (!(e instanceof Instruction i)) continue;
                if (i instanceof InvokeInstruction inv && isBarrier(inv) && previous instanceof LoadInstruction l
                        && l.typeKind() == java.lang.classfile.TypeKind.REFERENCE) {
                    out.set(index - 1);
                }
                previous = i;
                index++;
            }
            return out;
        }

        /**
         * One element of the kernel class's code into the split class: divisions follow the device
         * contract, and static calls to the kernel class go to the split class's copies.
         */
        private void copy(CodeBuilder b, CodeElement e) {
            if (DeviceBytecode.legalizeDivision(b, e)) return;
            if (e instanceof InvokeInstruction inv && inv.opcode() == Opcode.INVOKESTATIC && inv.owner().asSymbol().equals(kernelDesc)) {
                b.invokestatic(self, inv.name().stringValue(), inv.typeSymbol(), inv.isInterface());
            } else {
                b.with(e);
            }
        }

        /** A helper from another class of the package must not touch that class's private members (the split code cannot). */
        private void checkAccessible(Class<?> owner, CodeAttribute code, String where) throws Unsupported {
            ClassModel cm = model(owner);
            String self = cm.thisClass().asInternalName();
            for (CodeElement e : code) {
                boolean priv = switch (e) {
                    case InvokeInstruction inv when inv.owner().asInternalName().equals(self) -> cm.methods().stream()
                            .anyMatch(m -> m.methodName().equals(inv.name()) && m.methodType().equals(inv.type()) && m.flags().has(AccessFlag.PRIVATE));
                    case FieldInstruction f when f.owner().asInternalName().equals(self) -> cm.fields().stream()
                            .anyMatch(fm -> fm.fieldName().equals(f.name()) && fm.flags().has(AccessFlag.PRIVATE));
                    default -> false;
                };
                if (priv) throw new Unsupported(where + " uses a private member of " + owner.getName());
            }
        }

        /** The live slots, typed from the LocalVariableTable at {@code bci} and moved up by {@code base}. */
        private static List<Live> live(List<LocalVariableInfo> lvt, java.util.BitSet slots, int bci, int base, String where) throws Unsupported {
            List<Live> out = new ArrayList<>();
            for (int slot = slots.nextSetBit(0); slot >= 0; slot = slots.nextSetBit(slot + 1)) {
                LocalVariableInfo found = null;
                for (LocalVariableInfo v : lvt) {
                    if (v.slot() == slot && v.startPc() <= bci && bci < v.startPc() + v.length()) found = v;
                }
                if (found == null) throw new Unsupported(where + ": local slot " + slot + " is live at a barrier but has no LocalVariableTable entry");
                out.add(new Live(slot + base, found.typeSymbol()));
            }
            return out;
        }
    }

    /**
     * Which local slots are live after each instruction of a method (read later before being
     * written), by the usual backward data flow over its control-flow graph. Instructions are
     * numbered in code order, as {@link Splitter#inline} counts them.
     */
    static final class Liveness {
        private final java.util.BitSet[] after;

        /** {@code ignoredLoads}: instructions whose load does not count as a use. */
        Liveness(CodeAttribute code, java.util.BitSet ignoredLoads) {
            List<Instruction> ins = new ArrayList<>();
            Map<Label, Integer> at = new HashMap<>();
            for (CodeElement e : code) {
                if (e instanceof LabelTarget t) at.put(t.label(), ins.size());
                if (e instanceof Instruction i) ins.add(i);
            }
            int n = ins.size();
            int[][] succ = new int[n][];
            java.util.BitSet[] use = new java.util.BitSet[n], def = new java.util.BitSet[n];
            for (int i = 0; i < n; i++) {
                Instruction x = ins.get(i);
                use[i] = new java.util.BitSet();
                def[i] = new java.util.BitSet();
                switch (x) {
                    case LoadInstruction l -> {
                        if (!ignoredLoads.get(i)) use[i].set(l.slot());
                    }
                    case StoreInstruction st -> def[i].set(st.slot());
                    case IncrementInstruction inc -> use[i].set(inc.slot());
                    default -> {
                    }
                }
                succ[i] = switch (x) {
                    case BranchInstruction b when b.opcode() == Opcode.GOTO || b.opcode() == Opcode.GOTO_W -> new int[]{at.get(b.target())};
                    case BranchInstruction b -> new int[]{at.get(b.target()), i + 1};
                    case TableSwitchInstruction t -> targets(at, t.defaultTarget(), t.cases());
                    case LookupSwitchInstruction t -> targets(at, t.defaultTarget(), t.cases());
                    case ReturnInstruction r -> new int[0];
                    case java.lang.classfile.instruction.ThrowInstruction t -> new int[0];
                    default -> i + 1 < n ? new int[]{i + 1} : new int[0];
                };
            }
            after = new java.util.BitSet[n];
            java.util.BitSet[] before = new java.util.BitSet[n];
            for (int i = 0; i < n; i++) {
                after[i] = new java.util.BitSet();
                before[i] = new java.util.BitSet();
            }
            for (boolean changed = true; changed; ) {
                changed = false;
                for (int i = n - 1; i >= 0; i--) {
                    java.util.BitSet out = new java.util.BitSet();
                    for (int s : succ[i]) out.or(before[s]);
                    java.util.BitSet in = (java.util.BitSet) out.clone();
                    in.andNot(def[i]);
                    in.or(use[i]);
                    if (!out.equals(after[i]) || !in.equals(before[i])) {
                        after[i] = out;
                        before[i] = in;
                        changed = true;
                    }
                }
            }
        }

        private static int[] targets(Map<Label, Integer> at, Label dflt, List<SwitchCase> cases) {
            int[] t = new int[cases.size() + 1];
            t[0] = at.get(dflt);
            for (int c = 0; c < cases.size(); c++) t[c + 1] = at.get(cases.get(c).target());
            return t;
        }

        /** The slots live after instruction {@code index}. */
        java.util.BitSet after(int index) {
            return after[index];
        }
    }

    private static java.lang.classfile.TypeKind kind(ClassDesc d) {
        return java.lang.classfile.TypeKind.from(d).asLoadable();
    }

    private static void unbox(CodeBuilder cb, ClassDesc p) {
        if (!p.isPrimitive()) {
            cb.checkcast(p);
            return;
        }
        ClassDesc box = switch (p.descriptorString()) {
            case "I" -> ConstantDescs.CD_Integer;
            case "F" -> ConstantDescs.CD_Float;
            case "J" -> ConstantDescs.CD_Long;
            case "D" -> ConstantDescs.CD_Double;
            case "Z" -> ConstantDescs.CD_Boolean;
            case "B" -> ConstantDescs.CD_Byte;
            case "S" -> ConstantDescs.CD_Short;
            case "C" -> ConstantDescs.CD_Character;
            default -> throw new IllegalArgumentException(p.descriptorString());
        };
        cb.checkcast(box);
        cb.invokevirtual(box, p.displayName() + "Value", MethodTypeDesc.of(p, new ClassDesc[0]));
    }

    private static final ClassDesc CD_FLOAT = ConstantDescs.CD_Float, CD_DOUBLE = ConstantDescs.CD_Double;

    private static void save(CodeBuilder cb, Live l) {
        if (!l.type.isPrimitive()) {
            cb.aload(REFS);
            cb.loadConstant(l.slot);
            cb.aload(l.slot);
            cb.aastore();
            return;
        }
        cb.aload(PRIMS);
        cb.loadConstant(l.slot);
        switch (l.type.descriptorString()) {
            case "J" -> cb.lload(l.slot);
            case "D" -> {
                cb.dload(l.slot);
                cb.invokestatic(CD_DOUBLE, "doubleToRawLongBits", MethodTypeDesc.of(ConstantDescs.CD_long, ConstantDescs.CD_double));
            }
            case "F" -> {
                cb.fload(l.slot);
                cb.invokestatic(CD_FLOAT, "floatToRawIntBits", MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_float));
                cb.i2l();
            }
            default -> {
                cb.iload(l.slot);
                cb.i2l();
            }
        }
        cb.lastore();
    }

    private static void restore(CodeBuilder cb, Live l) {
        if (!l.type.isPrimitive()) {
            cb.aload(REFS);
            cb.loadConstant(l.slot);
            cb.aaload();
            cb.checkcast(l.type);
            cb.astore(l.slot);
            return;
        }
        cb.aload(PRIMS);
        cb.loadConstant(l.slot);
        cb.laload();
        switch (l.type.descriptorString()) {
            case "J" -> cb.lstore(l.slot);
            case "D" -> {
                cb.invokestatic(CD_DOUBLE, "longBitsToDouble", MethodTypeDesc.of(ConstantDescs.CD_double, ConstantDescs.CD_long));
                cb.dstore(l.slot);
            }
            case "F" -> {
                cb.l2i();
                cb.invokestatic(CD_FLOAT, "intBitsToFloat", MethodTypeDesc.of(ConstantDescs.CD_float, ConstantDescs.CD_int));
                cb.fstore(l.slot);
            }
            default -> {
                cb.l2i();
                cb.istore(l.slot);
            }
        }
    }
}
