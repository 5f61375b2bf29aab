package hetero.experiments.bench;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

/**
 * The one-node ONNX models the ONNX Runtime peer runs, written in code with ONNX's own protobuf
 * messages (Tribuo's generated {@code ai.onnx.proto.OnnxMl}), so no model file is shipped.
 *
 * <ul>
 * <li>{@link #matMul}: C[m, n] = A[m, k] B[k, n] (ONNX MatMul, opset 17).
 * <li>{@link #multiHeadAttention}: com.microsoft MultiHeadAttention, no mask: Q, K, V and the
 *     output in ORT's token-major layout [1, seq, heads * dHead], scale 1/sqrt(dHead).
 * <li>{@link #groupQueryAttention}: com.microsoft GroupQueryAttention, which is always causal (a
 *     prompt without a past KV cache); ORT's CPU kernel skips the masked keys. Same layout.
 * </ul>
 * Every tensor is float32; input names are the ones {@link OrtPeer} feeds.
 */
public final class OrtModels {
    /** IR version 8 and opset 17 are old enough for any ORT 1.x of the last years and have every op used here. */
    static final long IR_VERSION = 8;
    static final long ONNX_OPSET = 17;
    static final String MS_DOMAIN = "com.microsoft";

    private OrtModels() {
    }

    public static byte[] matMul(int m, int n, int k) {
        GraphProto g = GraphProto.newBuilder().setName("sgemm")
                .addNode(NodeProto.newBuilder().setOpType("MatMul").addInput("A").addInput("B").addOutput("C"))
                .addInput(floatTensor("A", m, k)).addInput(floatTensor("B", k, n))
                .addOutput(floatTensor("C", m, n))
                .build();
        return model(g);
    }

    public static byte[] multiHeadAttention(int heads, int seq, int dHead) {
        GraphProto g = GraphProto.newBuilder().setName("mha")
                .addNode(NodeProto.newBuilder().setOpType("MultiHeadAttention").setDomain(MS_DOMAIN)
                        .addInput("Q").addInput("K").addInput("V").addOutput("O")
                        .addAttribute(intAttribute("num_heads", heads)))
                .addInput(floatTensor("Q", 1, seq, heads * dHead)).addInput(floatTensor("K", 1, seq, heads * dHead))
                .addInput(floatTensor("V", 1, seq, heads * dHead))
                .addOutput(floatTensor("O", 1, seq, heads * dHead))
                .build();
        return model(g);
    }

    /**
     * Causal self-attention over the whole prompt: no past KV (empty inputs), seqlens_k = seq - 1
     * and total_sequence_length = seq as constants. present_key/present_value are computed by the op
     * (its required outputs) but are not graph outputs.
     */
    public static byte[] groupQueryAttention(int heads, int kvHeads, int seq, int dHead) {
        GraphProto g = GraphProto.newBuilder().setName("gqa")
                .addNode(NodeProto.newBuilder().setOpType("GroupQueryAttention").setDomain(MS_DOMAIN)
                        .addInput("Q").addInput("K").addInput("V").addInput("").addInput("")
                        .addInput("seqlens_k").addInput("total_sequence_length")
                        .addOutput("O").addOutput("present_key").addOutput("present_value")
                        .addAttribute(intAttribute("num_heads", heads))
                        .addAttribute(intAttribute("kv_num_heads", kvHeads)))
                .addInitializer(TensorProto.newBuilder().setName("seqlens_k").setDataType(TensorProto.DataType.INT32.getNumber())
                        .addDims(1).addInt32Data(seq - 1))
                .addInitializer(TensorProto.newBuilder().setName("total_sequence_length").setDataType(TensorProto.DataType.INT32.getNumber())
                        .addInt32Data(seq))
                .addInput(floatTensor("Q", 1, seq, heads * dHead)).addInput(floatTensor("K", 1, seq, kvHeads * dHead))
                .addInput(floatTensor("V", 1, seq, kvHeads * dHead))
                .addOutput(floatTensor("O", 1, seq, heads * dHead))
                .build();
        return model(g);
    }

    private static byte[] model(GraphProto graph) {
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("hetero")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(ONNX_OPSET))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(MS_DOMAIN).setVersion(1))
                .setGraph(graph).build().toByteArray();
    }

    private static ValueInfoProto floatTensor(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
                .build();
    }

    private static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }
}
