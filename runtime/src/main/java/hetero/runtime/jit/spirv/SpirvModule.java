package hetero.runtime.jit.spirv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A SPIR-V module under construction: ids, the logical sections in the order the specification
 * requires, and de-duplicated types and constants. Instructions are lists of 32-bit words.
 */
final class SpirvModule {
    // Opcodes used by the emitter (SPIR-V 1.0 numbering).
    static final int OpName = 5, OpString = 7, OpLine = 8, OpExtInstImport = 11, OpExtInst = 12, OpMemoryModel = 14,
            OpEntryPoint = 15, OpCapability = 17, OpTypeVoid = 19, OpTypeBool = 20, OpTypeInt = 21, OpTypeFloat = 22,
            OpTypeVector = 23, OpTypeArray = 28, OpTypePointer = 32, OpTypeFunction = 33, OpConstantTrue = 41,
            OpConstantFalse = 42, OpConstant = 43, OpConstantNull = 46, OpFunction = 54, OpFunctionParameter = 55, OpFunctionEnd = 56,
            OpFunctionCall = 57, OpVariable = 59, OpLoad = 61, OpStore = 62, OpInBoundsAccessChain = 66,
            OpInBoundsPtrAccessChain = 70, OpDecorate = 71, OpCompositeConstruct = 80, OpCompositeExtract = 81, OpCompositeInsert = 82, OpConvertFToS = 110,
            OpConvertSToF = 111, OpUConvert = 113, OpAtomicIAdd = 234, OpSConvert = 114, OpFConvert = 115, OpBitcast = 124, OpSNegate = 126,
            OpFNegate = 127, OpIAdd = 128, OpFAdd = 129, OpISub = 130, OpFSub = 131, OpIMul = 132, OpFMul = 133,
            OpSDiv = 135, OpFDiv = 136, OpSRem = 138, OpFRem = 140, OpIsNan = 156, OpIsInf = 157, OpSignBitSet = 160, OpLogicalOr = 166,
            OpLogicalAnd = 167, OpLogicalNot = 168, OpSelect = 169, OpIEqual = 170, OpINotEqual = 171,
            OpSGreaterThan = 173, OpSGreaterThanEqual = 175, OpSLessThan = 177, OpSLessThanEqual = 179,
            OpFOrdEqual = 180, OpFOrdNotEqual = 182, OpFUnordNotEqual = 183, OpFOrdLessThan = 184, OpFOrdGreaterThan = 186,
            OpFOrdLessThanEqual = 188, OpFOrdGreaterThanEqual = 190, OpShiftRightLogical = 194,
            OpShiftRightArithmetic = 195, OpShiftLeftLogical = 196, OpBitwiseOr = 197, OpBitwiseXor = 198,
            OpBitwiseAnd = 199, OpNot = 200, OpControlBarrier = 224, OpLabel = 248, OpBranch = 249,
            OpBranchConditional = 250, OpReturn = 253, OpReturnValue = 254;

    static final int StorageInput = 1, StorageWorkgroup = 4, StorageCrossWorkgroup = 5, StorageFunction = 7;

    private int nextId = 1;
    final List<int[]> capabilities = new ArrayList<>();
    final List<int[]> extImports = new ArrayList<>();
    final List<int[]> memoryModel = new ArrayList<>();
    final List<int[]> entryPoints = new ArrayList<>();
    final List<int[]> debugStrings = new ArrayList<>();
    final List<int[]> names = new ArrayList<>();
    final List<int[]> decorations = new ArrayList<>();
    final List<int[]> globals = new ArrayList<>();
    final List<int[]> functions = new ArrayList<>();

    int id() {
        return nextId++;
    }

    static int[] ins(int opcode, int... operands) {
        int[] w = new int[operands.length + 1];
        w[0] = (w.length << 16) | opcode;
        System.arraycopy(operands, 0, w, 1, operands.length);
        return w;
    }

    /** A literal string as words: UTF-8, NUL-terminated, padded to a word (little-endian within each word). */
    static int[] string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int[] out = new int[b.length / 4 + 1];
        for (int i = 0; i < b.length; i++) out[i >> 2] |= (b[i] & 0xff) << ((i & 3) * 8);
        return out;
    }

    static int[] concat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) n += p.length;
        int[] out = new int[n];
        int k = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, k, p.length);
            k += p.length;
        }
        return out;
    }

    void name(int id, String n) {
        names.add(ins(OpName, concat(new int[]{id}, string(n))));
    }

    // De-duplication of types and constants. The emitter asks for the same few types at almost every
    // instruction, so the scalar types live in fields; the rest are keyed by what they are.
    private record Key(int kind, long a, long b) {}

    private static final int VECTOR = 0, POINTER = 1, ARRAY = 2, CONST_INT = 3, CONST_LONG = 4, CONST_FLOAT = 5,
            CONST_DOUBLE = 6, CONST_NULL = 7, CONST_BOOL = 8;
    private final Map<Key, Integer> cache = new HashMap<>();
    private final Map<List<Integer>, Integer> functionTypes = new HashMap<>();
    private int voidType, boolType, int8Type, int16Type, int32Type, int64Type, float32Type, float64Type;

    private int cached(Key key, java.util.function.IntFunction<int[]> make) {
        Integer id = cache.get(key);
        if (id != null) return id;
        int nid = declare(make);
        cache.put(key, nid);
        return nid;
    }

    private int declare(java.util.function.IntFunction<int[]> make) {
        int nid = id();
        globals.add(make.apply(nid));
        return nid;
    }

    int typeVoid() {
        if (voidType == 0) voidType = declare(i -> ins(OpTypeVoid, i));
        return voidType;
    }

    int typeBool() {
        if (boolType == 0) boolType = declare(i -> ins(OpTypeBool, i));
        return boolType;
    }

    int typeInt(int bits) {
        return switch (bits) {
            case 8 -> int8Type != 0 ? int8Type : (int8Type = declare(i -> ins(OpTypeInt, i, 8, 0)));
            case 16 -> int16Type != 0 ? int16Type : (int16Type = declare(i -> ins(OpTypeInt, i, 16, 0)));
            case 32 -> int32Type != 0 ? int32Type : (int32Type = declare(i -> ins(OpTypeInt, i, 32, 0)));
            case 64 -> int64Type != 0 ? int64Type : (int64Type = declare(i -> ins(OpTypeInt, i, 64, 0)));
            default -> throw new IllegalArgumentException("no " + bits + "-bit integer type in SPIR-V for OpenCL");
        };
    }

    int typeFloat(int bits) {
        return switch (bits) {
            case 32 -> float32Type != 0 ? float32Type : (float32Type = declare(i -> ins(OpTypeFloat, i, 32)));
            case 64 -> float64Type != 0 ? float64Type : (float64Type = declare(i -> ins(OpTypeFloat, i, 64)));
            default -> throw new IllegalArgumentException("no " + bits + "-bit float type here");
        };
    }

    int typeVector(int component, int n) { return cached(new Key(VECTOR, component, n), i -> ins(OpTypeVector, i, component, n)); }

    int typePointer(int storage, int pointee) { return cached(new Key(POINTER, storage, pointee), i -> ins(OpTypePointer, i, storage, pointee)); }

    int typeArray(int element, int length) {
        int len = constInt(length);
        return cached(new Key(ARRAY, element, length), i -> ins(OpTypeArray, i, element, len));
    }

    int typeFunction(int ret, List<Integer> params) {
        List<Integer> key = new ArrayList<>(params.size() + 1);
        key.add(ret);
        key.addAll(params);
        Integer known = functionTypes.get(key);
        if (known != null) return known;
        int id = declare(i -> {
            int[] ops = new int[params.size() + 2];
            ops[0] = i;
            ops[1] = ret;
            for (int k = 0; k < params.size(); k++) ops[k + 2] = params.get(k);
            return ins(OpTypeFunction, ops);
        });
        functionTypes.put(key, id);
        return id;
    }

    int constInt(int v) { return cached(new Key(CONST_INT, v, 0), i -> ins(OpConstant, typeInt(32), i, v)); }

    int constLong(long v) { return cached(new Key(CONST_LONG, v, 0), i -> ins(OpConstant, typeInt(64), i, (int) v, (int) (v >>> 32))); }

    int constFloat(float v) {
        int bits = Float.floatToRawIntBits(v);
        return cached(new Key(CONST_FLOAT, bits, 0), i -> ins(OpConstant, typeFloat(32), i, bits));
    }

    int constDouble(double v) {
        long bits = Double.doubleToRawLongBits(v);
        return cached(new Key(CONST_DOUBLE, bits, 0), i -> ins(OpConstant, typeFloat(64), i, (int) bits, (int) (bits >>> 32)));
    }

    /** The all-zero value of a type (a whole private array's initial value). */
    int constNull(int type) { return cached(new Key(CONST_NULL, type, 0), i -> ins(OpConstantNull, type, i)); }

    int constBool(boolean v) { return cached(new Key(CONST_BOOL, v ? 1 : 0, 0), i -> ins(v ? OpConstantTrue : OpConstantFalse, typeBool(), i)); }

    /** The binary module: header then sections. */
    byte[] toBytes() {
        List<List<int[]>> sections = List.of(capabilities, extImports, memoryModel, entryPoints, debugStrings, names, decorations, globals, functions);
        int words = 5;
        for (List<int[]> section : sections) for (int[] w : section) words += w.length;
        byte[] out = new byte[words * 4];
        int at = 0;
        for (int header : new int[]{0x07230203, 0x00010000, 0, nextId, 0}) {
            WORD.set(out, at, header);
            at += 4;
        }
        for (List<int[]> section : sections) {
            for (int[] instruction : section) {
                for (int w : instruction) {
                    WORD.set(out, at, w);
                    at += 4;
                }
            }
        }
        return out;
    }

    /** A little-endian word in a byte array (SPIR-V's byte order on every device we load it on). */
    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
}
