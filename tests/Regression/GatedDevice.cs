using Repro.Reproduction.Runs;

namespace Repro.Regression;

/// <summary>
/// The device class whose results are checked: REPRO_DEVICE, a device as `repro run --device` takes it (cpu, cuda or
/// auto, resolved on this machine) or a class by name (cuda-sm90: a GPU's results gated where there is no GPU); cpu by default.
/// </summary>
internal static class GatedDevice
{
    public static readonly string Class = ComputeDevice.ClassOf(Environment.GetEnvironmentVariable("REPRO_DEVICE") ?? "cpu");
}
