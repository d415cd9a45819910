using Repro.Reproduction.Runs;

namespace Repro.Regression;

/// <summary>The device class whose results are checked: REPRO_DEVICE (cpu, cuda or auto, as `repro run --device`), cpu by default.</summary>
internal static class GatedDevice
{
    public static readonly string Class = ComputeDevice.Resolve(Environment.GetEnvironmentVariable("REPRO_DEVICE") ?? "cpu").DeviceClass;
}
