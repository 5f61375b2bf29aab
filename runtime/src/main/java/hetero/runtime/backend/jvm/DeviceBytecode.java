package hetero.runtime.backend.jvm;

import hetero.runtime.jit.KernelRef;

import java.lang.classfile.ClassElement;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.OperatorInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jvm backend runs a copy of the kernel's class whose bytecode follows the device contract:
 * integer division and remainder by zero give 0 instead of throwing (calls to
 * {@link DeviceArithmetic}). The copy is a hidden class in the kernel's own package and loader, so
 * package-private helpers stay reachable; calls and static fields of the class itself point at the
 * copy, so device functions of the same class are legalized too (static methods of other classes
 * run as they are).
 */
final class DeviceBytecode {
    private static final Map<Class<?>, MethodHandles.Lookup> COPIES = new ConcurrentHashMap<>();
    private static final ClassDesc ARITHMETIC = ClassDesc.of(DeviceArithmetic.class.getName());
    private static final MethodTypeDesc INT2 = MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_int, ConstantDescs.CD_int);
    private static final MethodTypeDesc LONG2 = MethodTypeDesc.of(ConstantDescs.CD_long, ConstantDescs.CD_long, ConstantDescs.CD_long);

    private DeviceBytecode() {
    }

    /** The kernel's method in the legalized copy of its class. */
    static MethodHandle method(KernelRef kernel) {
        MethodHandles.Lookup copy = COPIES.computeIfAbsent(kernel.owner(), DeviceBytecode::legalize);
        Method m = kernel.method();
        try {
            return copy.findStatic(copy.lookupClass(), kernel.name(), MethodType.methodType(m.getReturnType(), m.getParameterTypes()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the legalized copy of " + kernel.owner().getName() + " lost " + kernel.name(), e);
        }
    }

    /**
     * The legalized method, or, where the class cannot be copied (a class file the copy cannot
     * verify), the kernel itself with a warning: it then throws on x / 0 as Java does.
     */
    static MethodHandle methodOrOriginal(KernelRef kernel) {
        try {
            return method(kernel);
        } catch (IllegalStateException | LinkageError e) {
            System.err.println("warning: jvm runs " + kernel + " unchanged (integer x / 0 throws there): " + e);
            try {
                Method m = kernel.method();
                m.setAccessible(true);
                return MethodHandles.lookup().unreflect(m);
            } catch (IllegalAccessException | RuntimeException inaccessible) {
                throw new IllegalStateException("cannot call kernel " + kernel, inaccessible);
            }
        }
    }

    private static MethodHandles.Lookup legalize(Class<?> owner) {
        String file = owner.getName().substring(owner.getName().lastIndexOf('.') + 1) + ".class";
        byte[] original;
        try (var in = owner.getResourceAsStream(file)) {
            if (in == null) throw new IllegalStateException("no class file for " + owner.getName());
            original = in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the class file of " + owner.getName(), e);
        }
        ClassFile cf = ClassFile.of();
        ClassModel model = cf.parse(original);
        ClassDesc self = model.thisClass().asSymbol();
        ClassDesc copy = ClassDesc.of(owner.getName() + "$DeviceContract");
        byte[] bytes = cf.build(copy, cb -> {
            for (ClassElement e : model) {
                if (e instanceof java.lang.classfile.attribute.NestHostAttribute
                        || e instanceof java.lang.classfile.attribute.NestMembersAttribute
                        || e instanceof java.lang.classfile.attribute.InnerClassesAttribute
                        || e instanceof java.lang.classfile.attribute.PermittedSubclassesAttribute) continue;
                if (e instanceof java.lang.classfile.MethodModel mm) {
                    cb.transformMethod(mm, (mb, me) -> {
                        if (me instanceof java.lang.classfile.CodeModel code) {
                            mb.transformCode(code, (b, ce) -> rewrite(b, ce, self, copy));
                        } else {
                            mb.with(me);
                        }
                    });
                } else {
                    cb.with(e);
                }
            }
        });
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
            return lookup.defineHiddenClass(bytes, true);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot define the device-contract copy of " + owner.getName(), e);
        }
    }

    /**
     * Emits the device contract's replacement of idiv / irem / ldiv / lrem (also used by
     * {@link BarrierRegions} for the split KernelContext kernels); false for any other element.
     */
    static boolean legalizeDivision(java.lang.classfile.CodeBuilder b, CodeElement e) {
        if (!(e instanceof OperatorInstruction op)) return false;
        switch (op.opcode()) {
            case IDIV -> b.invokestatic(ARITHMETIC, "idiv", INT2);
            case IREM -> b.invokestatic(ARITHMETIC, "irem", INT2);
            case LDIV -> b.invokestatic(ARITHMETIC, "ldiv", LONG2);
            case LREM -> b.invokestatic(ARITHMETIC, "lrem", LONG2);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void rewrite(java.lang.classfile.CodeBuilder b, CodeElement e, ClassDesc self, ClassDesc copy) {
        if (legalizeDivision(b, e)) return;
        switch (e) {
            case InvokeInstruction inv when inv.opcode() == Opcode.INVOKESTATIC && inv.owner().asSymbol().equals(self) ->
                    b.invokestatic(copy, inv.name().stringValue(), inv.typeSymbol(), inv.isInterface());
            case FieldInstruction f when f.opcode() == Opcode.GETSTATIC && f.owner().asSymbol().equals(self) ->
                    b.getstatic(copy, f.name().stringValue(), f.typeSymbol());
            case FieldInstruction f when f.opcode() == Opcode.PUTSTATIC && f.owner().asSymbol().equals(self) ->
                    b.putstatic(copy, f.name().stringValue(), f.typeSymbol());
            default -> b.with(e);
        }
    }
}
