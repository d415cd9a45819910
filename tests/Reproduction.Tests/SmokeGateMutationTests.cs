using System.Globalization;
using Repro.Experiments;
using Repro.Experiments.Definitions;
using Repro.Reproduction.Gate;
using Repro.Reproduction.Inputs;
using Repro.Reproduction.Keras;
using Repro.Reproduction.Runs;
using Repro.Reproduction.Store;
using Repro.Reproduction.Training;
using Repro.Torch;
using Repro.Torch.Modules;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Tests;

/// <summary>
/// The smoke gate catches semantic changes to training: each mutation, injected into
/// <see cref="SmokeTrainingReplica"/>, moves the step losses of a real smoke run (the first 48
/// Fashion-MNIST training rows, one epoch) out of both the exact comparison and the rounding
/// tolerance another platform gets. Report 004's final CNN trains 3 Adam steps of 16 on the
/// slice, so Adam's second moment acts before the losses end, but it validates on the test set;
/// on the installed datasets only report 003's runs cut a validation split, all in one batch of
/// 128, so its LeNet-5 (one step) carries the split mutations, which change the very first batch.
/// (Report 002 has splits and small batches, but on CIFAR-10, which is not installed.)
/// </summary>
public class SmokeGateMutationTests
{
    private static readonly ExperimentDataLoader Data = new(DatasetStore.Default().WithOffline(true));

    private static readonly Dictionary<string, (Experiment Experiment, ReplicaMutation Mutation)> Mutants = new()
    {
        ["Adam's epsilon inside the square root"] = (Report004.FinalRun, new(Optimizer: EpsilonInsideSqrt)),
        ["libtorch's default initialisation instead of glorot-uniform"] = (Report004.FinalRun, new(Reinitialise: LibtorchDefaults)),
        ["the first 10 % validated instead of the last"] = (Report003.LeNet5HoldOut, new(FitRows: FirstFractionValidated)),
        ["the last 15 % validated instead of the last 10 %"] = (Report003.LeNet5HoldOut, new(FitRows: LargerFractionValidated)),
    };

    private static IEnumerable<string> MutantNames => Mutants.Keys;

    private static IEnumerable<TestCaseData> SmokeRuns =>
    [
        new TestCaseData(Report003.LeNet5HoldOut, 1).SetArgDisplayNames(Report003.LeNet5HoldOut.Id, "1 step"),
        new TestCaseData(Report004.FinalRun, 3).SetArgDisplayNames(Report004.FinalRun.Id, "3 steps"),
    ];

    [TestCaseSource(nameof(SmokeRuns))]
    public void The_unmutated_replica_reproduces_KerasFit_bit_for_bit_and_passes_both_modes(Experiment experiment, int steps)
    {
        var (product, replica) = TrainBoth(experiment, ReplicaMutation.None);
        Assert.Multiple(() =>
        {
            Assert.That(product.StepLosses, Has.Count.EqualTo(steps));
            Assert.That(replica.StepLosses, Is.EqualTo(product.StepLosses), "step losses bit for bit");
            Assert.That(replica.EvaluationLoss, Is.EqualTo(product.EvaluationLoss), "evaluation loss bit for bit");
            foreach (var check in Gate(experiment, product, replica, sameEngine: true).Concat(Gate(experiment, product, replica, sameEngine: false)))
            {
                Assert.That(check.Passed, Is.True, check.BreachLine(experiment.Id));
            }
        });
    }

    [TestCaseSource(nameof(MutantNames))]
    public void A_mutation_breaches_the_step_losses_in_exact_and_in_rounding_mode(string mutation)
    {
        var (experiment, inject) = Mutants[mutation];
        var (product, mutant) = TrainBoth(experiment, inject);
        TestContext.Out.WriteLine(
            $"{experiment.Id}, {mutation}: largest |Δ|/tolerance {Ratio(product.StepMetric, mutant.StepLosses)} over the step losses, " +
            $"{Ratio(product.EvaluationMetric, [mutant.EvaluationLoss])} for the evaluation loss; product {Losses(product)}, mutant {Losses(mutant)}");
        Assert.That(mutant.StepLosses, Has.Count.EqualTo(product.StepLosses.Count), "the same steps, so that the gate has to judge the values");
        Assert.Multiple(() =>
        {
            Assert.That(StepCheck(product, mutant, sameEngine: true).Passed, Is.False, "exact mode (the baseline's platform)");
            Assert.That(StepCheck(product, mutant, sameEngine: false).Passed, Is.False, "rounding mode (another platform)");
        });
    }

    /// <summary>Guards mutation (1): without ε the mutant is KerasAdam bit for bit, so the only change is where ε goes.</summary>
    [Test]
    public void The_epsilon_mutant_differs_from_KerasAdam_only_by_where_epsilon_goes()
    {
        float[] Adam(double epsilon) => KerasOptimizerHarness.Train(p => new KerasAdam(p, epsilon: epsilon), steps: 3);
        float[] Mutant(double epsilon) => KerasOptimizerHarness.Train(p => new EpsilonInsideSqrtAdam(p, 1e-3, 0.9, 0.999, epsilon), steps: 3);
        Assert.Multiple(() =>
        {
            Assert.That(Mutant(0), Is.EqualTo(Adam(0)));
            Assert.That(Mutant(KerasAdam.DefaultEpsilon), Is.Not.EqualTo(Adam(KerasAdam.DefaultEpsilon)));
        });
    }

    /// <summary>The product's run (KerasFit on the smoke slice, as the runner trains a hold-out run; for 004's cross-validation on the whole slice instead of a fold of it, which no mutation touches) and the replica's.</summary>
    private static (SmokeTrace Product, SmokeTrace Replica) TrainBoth(Experiment experiment, ReplicaMutation mutation)
    {
        var smoke = RunProfile.Smoke.Apply(experiment);
        using var dataset = Data.Load(smoke.Data, smoke.InputShape, RunProfiles.SmokeSlice);
        var test = dataset.Test ?? throw new InvalidOperationException($"{experiment.Id} has no test part to evaluate on.");
        var outcome = KerasFit.Run(smoke, dataset.Train, test, test, smoke.Seed, new CountingObserver());
        using var model = outcome.Model;
        var product = new SmokeTrace(outcome.Final.FirstSteps, outcome.Final.Evaluation.Loss, model.LargestFanIn);
        return (product, SmokeTrainingReplica.Train(smoke, dataset.Train, test, mutation));
    }

    private static MetricCheck StepCheck(SmokeTrace baseline, SmokeTrace received, bool sameEngine) =>
        MetricComparison.Check(GatedMetricNames.StepLosses, baseline.StepMetric, received.StepLosses, sameEngine);

    private static MetricCheck[] Gate(Experiment experiment, SmokeTrace baseline, SmokeTrace received, bool sameEngine) =>
    [
        StepCheck(baseline, received, sameEngine),
        MetricComparison.Check(GatedMetricNames.EvaluationLoss(experiment), baseline.EvaluationMetric, [received.EvaluationLoss], sameEngine),
    ];

    /// <summary>The largest |Δ| / (relative tolerance × |baseline value|): above 1 the rounding mode fails.</summary>
    private static string Ratio(TraceMetric baseline, IReadOnlyList<double> received) =>
        baseline.Values.Select((expected, i) => Math.Abs(received[i] - expected) / (baseline.RelativeTolerances[i] * Math.Abs(expected))).Max()
            .ToString("G4", CultureInfo.InvariantCulture);

    private static string Losses(SmokeTrace trace) =>
        $"[{string.Join(", ", trace.StepLosses.Select(l => l.ToString("R", CultureInfo.InvariantCulture)))}] → {trace.EvaluationLoss.ToString("R", CultureInfo.InvariantCulture)}";

    /// <summary>Mutation (1). With a schedule the starting rate does not matter: TrainingStep sets the rate before every step.</summary>
    private static optim.Optimizer EpsilonInsideSqrt(OptimizerSpec spec, KerasModel model) => spec.Name == "adam"
        ? new EpsilonInsideSqrtAdam(model.TrainableParameters, spec.LearningRate ?? 1e-3, spec.Beta1 ?? 0.9, spec.Beta2 ?? 0.999, spec.Epsilon ?? KerasAdam.DefaultEpsilon)
        : throw new ArgumentException($"Mutation (1) changes Adam, not {spec.Name}.", nameof(spec));

    /// <summary>Mutation (3): torch.nn.Conv2d/Linear reset_parameters, kaiming-uniform a = √5 kernels and U(±1/√fan_in) biases, drawn from the seeded stream in layer order.</summary>
    private static void LibtorchDefaults(KerasModel model, Generator generator)
    {
        foreach (var layer in model.Network.Layers)
        {
            var (weight, bias) = layer switch
            {
                Conv2d conv => (conv.weight, conv.bias),
                Linear dense => (dense.weight, dense.bias),
                _ => (null, null),
            };
            if (weight is null) continue;
            nn.init.kaiming_uniform_(weight, Math.Sqrt(5), generator);
            var bound = 1 / Math.Sqrt(nn.init.calculate_fan_in_and_fan_out(weight).fanIn);
            if (bias is not null) nn.init.uniform_(bias, -bound, bound, generator);
        }
    }

    /// <summary>Mutation (2a): the validation rows taken from the start of the arrays instead of the end.</summary>
    private static LabelledImages FirstFractionValidated(LabelledImages train, ValidationSpec validation)
    {
        using var keras = SmokeTrainingReplica.KerasFitRows(train, validation);
        return train.Slice(train.Count - keras.Count, keras.Count);
    }

    /// <summary>Mutation (2b): five more percent of the arrays validated than the experiment's split.</summary>
    private static LabelledImages LargerFractionValidated(LabelledImages train, ValidationSpec validation) =>
        SmokeTrainingReplica.KerasFitRows(train, new LastFractionValidation(((LastFractionValidation)validation).Fraction + 0.05));
}
