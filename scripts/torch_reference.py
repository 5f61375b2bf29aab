#!/usr/bin/env python3
"""PyTorch on the same GPU, same shapes as hetero.experiments.bench.KernelTiming: fp32
scaled_dot_product_attention and torch.matmul (cuBLAS SGEMM, TF32 off), timed with CUDA events.
Prints CSV lines in KernelTiming's format."""
import sys
import torch

torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False
iters = int(sys.argv[1]) if len(sys.argv) > 1 else 20
seqs = [int(s) for s in (sys.argv[2] if len(sys.argv) > 2 else "1024,2048,4096").split(",")]
gemms = [int(s) for s in (sys.argv[3] if len(sys.argv) > 3 else "512,1024,2048,4096").split(",")]
dev = torch.device("cuda")


def timed(fn):
    for _ in range(3):
        fn()
    times = []
    for _ in range(iters):
        start, stop = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        fn()
        stop.record()
        torch.cuda.synchronize()
        times.append(start.elapsed_time(stop))
    times.sort()
    return times[len(times) // 2], times[0]


heads, d = 16, 64
for seq in seqs:
    for causal in (False, True):
        q, k, v = (torch.randn(1, heads, seq, d, device=dev, dtype=torch.float32) for _ in range(3))
        med, mn = timed(lambda: torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=causal))
        flops = 4.0 * heads * seq * seq * d / (2 if causal else 1)
        print(f"cuda:torch,attention,torch_sdpa,1,{heads},{heads},{seq},{d},{str(causal).lower()},,,,{med:.4f},{mn:.4f},{flops / (med * 1e-3) / 1e9:.1f}")
for n in gemms:
    a, b = torch.randn(n, n, device=dev), torch.randn(n, n, device=dev)
    med, mn = timed(lambda: torch.matmul(a, b))
    print(f"cuda:torch,gemm,cublas_sgemm,,,,,,,{n},{n},{n},{med:.4f},{mn:.4f},{2.0 * n ** 3 / (med * 1e-3) / 1e9:.1f}")
