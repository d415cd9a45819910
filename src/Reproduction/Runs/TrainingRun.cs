using System.Text.Json.Nodes;
using Repro.Experiments;
using Repro.Reproduction.Inputs;

namespace Repro.Reproduction.Runs;

/// <summary>
/// One training of one model: an experiment (as its profile trains it) with one seed, and for
/// cross-validation one fold. <see cref="Key"/> identifies its numbers: the normalised definition,
/// profile, fold, seed, data bytes and engine. Requests with the same key share one training.
/// <see cref="FamilyKey"/> is the key without the epoch count: runs of one family differ only in
/// how long they train, so, without early stopping, the longest one serves them all.
/// <see cref="CheckpointKey"/> is the key without the engine: it names the training's checkpoint, which
/// records its engine, so a checkpoint from another engine is found and refused with that reason.
/// </summary>
public sealed record TrainingRun(Experiment Experiment, RunProfile Profile, ulong Seed, int? Fold, ulong RunSeed, string Key, string FamilyKey, string CheckpointKey)
{
    public int Epochs => Experiment.Training.Epochs;

    public string Describe => Fold is { } fold ? $"{Experiment.Id} seed {Seed} fold {fold + 1}" : $"{Experiment.Id} seed {Seed}";

    /// <summary>
    /// What identifies the bytes a run trains on, for its key: the data's origin (real or fixture), the SHA-256 of each
    /// dataset file in file-name order, and those of the pretrained weight files it loads, in the experiment's order.
    /// </summary>
    public static string DataFingerprint(DataOrigin origin, IEnumerable<(string FileName, string Sha256)> datasetFiles, IEnumerable<string> weightSha256s)
    {
        var weights = weightSha256s.ToList();
        return $"{origin}:" + string.Join(",", datasetFiles.OrderBy(f => f.FileName, StringComparer.Ordinal).Select(f => f.Sha256))
            + (weights.Count > 0 ? ";weights:" + string.Join(",", weights) : string.Empty);
    }

    /// <summary>Builds the run and its keys.</summary>
    /// <param name="experiment">The experiment as the profile trains it.</param>
    /// <param name="profile">full or smoke.</param>
    /// <param name="seed">The experiment-level seed.</param>
    /// <param name="fold">The 0-based fold, or null for a hold-out run.</param>
    /// <param name="dataFingerprint">What identifies the bytes trained on (<see cref="DataFingerprint"/>).</param>
    /// <param name="engineFingerprint">The id of the engine that trains it (libtorch build, BLAS, CPU kernels, processor, threads, device, Repro's code).</param>
    public static TrainingRun Create(Experiment experiment, RunProfile profile, ulong seed, int? fold, string dataFingerprint, string engineFingerprint)
    {
        var runSeed = fold is { } k ? new Training.SeedStreams(seed).Derive($"fold {k + 1}") : seed;
        var identity = new JsonObject
        {
            ["definition"] = CanonicalDefinition.Of(experiment with { Seed = seed }),
            ["profile"] = profile.Name(),
            ["fold"] = fold,
            ["data"] = dataFingerprint,
            ["engine"] = engineFingerprint,
        };
        var key = CanonicalDefinition.HashOf(identity);
        var withoutEngine = identity.DeepClone().AsObject();
        withoutEngine.Remove("engine");
        var checkpointKey = CanonicalDefinition.HashOf(new JsonObject { ["checkpoint_of"] = withoutEngine });
        var family = experiment.Training.EarlyStopping is null
            ? CanonicalDefinition.HashOf(new JsonObject
            {
                ["family_of"] = CanonicalDefinition.Of(experiment with { Seed = seed, Training = experiment.Training with { Epochs = 0 } }),
                ["profile"] = profile.Name(),
                ["fold"] = fold,
                ["data"] = dataFingerprint,
                ["engine"] = engineFingerprint,
            })
            : key;
        return new TrainingRun(experiment, profile, seed, fold, runSeed, key, family, checkpointKey);
    }
}
