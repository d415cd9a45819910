using Repro.Experiments;
using Repro.Reproduction.Inputs;
using Repro.Reproduction.Keras;
using Repro.Reproduction.Training;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Tests;

/// <summary>
/// Where a semantic change enters <see cref="SmokeTrainingReplica"/>; a hook left null keeps the product's behaviour.
/// </summary>
/// <param name="FitRows">The rows fit() trains on, from the training arrays and the experiment's validation.</param>
/// <param name="Reinitialise">Initialises the built model again, from the initialisation stream drawn afresh.</param>
/// <param name="Optimizer">The optimizer for the experiment's spec.</param>
internal sealed record ReplicaMutation(
    Func<LabelledImages, ValidationSpec, LabelledImages>? FitRows = null,
    Action<KerasModel, Generator>? Reinitialise = null,
    Func<OptimizerSpec, KerasModel, optim.Optimizer>? Optimizer = null)
{
    public static ReplicaMutation None { get; } = new();
}

/// <summary>
/// One smoke training (one epoch of fit(), then evaluate()) rebuilt from the product's public
/// pieces in the order <see cref="KerasFit"/>.Run uses them, because KerasFit has no seam through
/// which a test could inject a semantic change. It mirrors KerasFit and nothing more: the
/// per-epoch validation is left out, as it runs in eval mode under no_grad and draws no random
/// numbers, so it changes no loss. The unmutated replica must reproduce KerasFit bit for bit
/// (SmokeGateMutationTests asserts it), which is what makes a mutant's difference the mutation's.
/// </summary>
internal static class SmokeTrainingReplica
{
    public static SmokeTrace Train(Experiment experiment, LabelledImages train, LabelledImages evaluation, ReplicaMutation mutation)
    {
        var spec = experiment.Training;
        if (spec.Epochs != 1) throw new ArgumentException($"The replica trains the smoke profile's one epoch, not {spec.Epochs}.", nameof(experiment));
        var seeds = new SeedStreams(experiment.Seed);
        using var fit = (mutation.FitRows ?? KerasFitRows)(train, spec.Validation);
        using var initialisation = new Generator(seeds.Initialisation);
        using var model = KerasModel.Build(experiment.Model, experiment.InputShape, initialisation);
        if (mutation.Reinitialise is { } reinitialise)
        {
            // The stream from its start: what a Build that initialised otherwise would have drawn.
            using var fresh = new Generator(seeds.Initialisation);
            reinitialise(model, fresh);
        }

        using var optimizer = (mutation.Optimizer ?? KerasTraining.Optimizer)(spec.Optimizer, model);
        using var shuffling = new Generator(seeds.Shuffling);
        manual_seed(seeds.Dropout);

        model.Network.train();
        using var order = randperm(fit.Count, shuffling);
        var losses = new List<double>();
        for (long start = 0; start < fit.Count; start += spec.BatchSize)
        {
            using var scope = NewDisposeScope();
            var batch = order.narrow(0, start, Math.Min(spec.BatchSize, fit.Count - start));
            losses.Add(TrainingStep.Run(model, optimizer, spec, fit.Images.index_select(0, batch), fit.Labels.index_select(0, batch)).Loss);
        }

        return new SmokeTrace(losses, Evaluation.Run(model, spec, evaluation).Loss, model.LargestFanIn);
    }

    /// <summary>The rows KerasFit trains on: with validation_split, Keras's x[:int(N·(1 − fraction))]; otherwise all of them.</summary>
    public static LabelledImages KerasFitRows(LabelledImages train, ValidationSpec validation) =>
        validation is LastFractionValidation last ? train.Slice(0, (long)(train.Count * (1 - last.Fraction))) : train.Slice(0, train.Count);
}
