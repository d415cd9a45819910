using Repro.Reproduction.Benchmarks;
using Repro.Reproduction.Runs;

namespace Repro.Reproduction.Cli;

/// <summary>The cases and the device `repro bench` and `repro parity` are asked for.</summary>
internal static class BenchmarkSelection
{
    /// <summary>Resolves both, or reports what is wrong (an unknown case or device, CUDA missing) and returns false.</summary>
    public static bool TryResolve(string[] caseNames, string deviceName, out IReadOnlyList<BenchmarkCase> cases, out ComputeDevice device)
    {
        try
        {
            cases = BenchmarkCase.Named(caseNames);
            device = ComputeDevice.Resolve(deviceName);
            return true;
        }
        catch (ArgumentException e)
        {
            CliErrors.Report(e.Message);
            (cases, device) = ([], null!);
            return false;
        }
    }
}
