using Repro.Experiments;
using Repro.Reproduction.Gate;

namespace Repro.Gate.Tests.GateFixtures;

/// <summary>
/// One gate run's files in a throw-away folder: the baselines folder with its verified and received
/// files, and the result the gate reads. The subjects mirror what <see cref="GateSubject.Of"/> makes
/// of a hold-out experiment such as 003-lenet5.
/// </summary>
internal sealed class GateWorkspace : IDisposable
{
    public const string Id = "003-lenet5";
    public const string DefinitionHash = "0123456789abcdef";

    public static readonly GateSubject Full = new(Id, 1, DefinitionHash, "full", "cpu",
        [MetricNames.TestAccuracy, MetricNames.TestLoss, MetricNames.TestMacroF1]);

    public static readonly GateSubject Smoke = new(Id, 1, DefinitionHash, "smoke", "cpu", [GatedMetricNames.StepLosses, MetricNames.TestLoss]);

    private readonly GateTempDirectory temp = new();

    public string BaselinesDir => temp.Combine("baselines");

    public string ResultPath => temp.Combine("results", "result.json");

    public Snapshots Snapshots => new(BaselinesDir, Id);

    public GateWorkspace Verified(Baseline baseline)
    {
        baseline.Save(Snapshots.VerifiedPath);
        return this;
    }

    public GateWorkspace Result(ResultJson result)
    {
        result.Write(ResultPath);
        return this;
    }

    public GateOutcome Run(GateSubject subject) => BaselineGate.Run(BaselinesDir, ResultPath, subject);

    public Baseline Received() => Baseline.Load(Snapshots.ReceivedPath);

    public void Dispose() => temp.Dispose();
}
