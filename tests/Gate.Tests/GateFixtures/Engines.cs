using Repro.Reproduction.Engine;

namespace Repro.Gate.Tests.GateFixtures;

/// <summary>
/// Two engines that differ the way two CI machines do: another BLAS build and another CPU kernel
/// set. Their ids follow from their fields, as <see cref="EngineFingerprint.ToJson"/> writes them.
/// </summary>
internal static class Engines
{
    public static readonly EngineFingerprint A = new(
        Libtorch: "2.7.1",
        LibtorchBuild: "1a2b3c4d5e6f7081",
        Blas: "libopenblas0-pthread 0.3.28 (sha256 4f1c…)",
        CpuCapability: "AVX2",
        Processor: "GenuineIntel family 6 model 85 (avx2 fma avx512f)",
        KernelEnvironment: "",
        Threads: 2,
        Device: "cpu",
        Tf32: false,
        Code: "0f0e0d0c0b0a0908");

    public static readonly EngineFingerprint B = A with { Blas = "libopenblas0-pthread 0.3.29 (sha256 9a7e…)", CpuCapability = "DEFAULT" };
}
