using static Repro.Torch.torch;

namespace Repro.Reproduction.Runs;

/// <summary>
/// What decides the arithmetic of a run besides its definition: part of every run key, so a
/// cached result is never reused across libtorch versions, devices or thread counts (reductions
/// split differently and the last bits change).
/// </summary>
public static class EngineFingerprint
{
    /// <summary>Bump when a change to Repro's training code changes results, so cached runs are not reused.</summary>
    public const int TrainingCodeVersion = 1;

    public static string Current(string device, bool allowTf32 = false) =>
        $"libtorch {__version__}; device {device}; threads {get_num_threads()}; training code v{TrainingCodeVersion}" + (allowTf32 ? "; tf32" : "");
}
