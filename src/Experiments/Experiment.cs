namespace Repro.Experiments;

/// <summary>
/// Everything needed to re-run one experiment of a report and to judge the outcome: a data-like
/// definition in the spirit of lm-evaluation-harness's task configs. Change <see cref="Version"/>
/// whenever an edit would change the experiment's results.
/// </summary>
public sealed record Experiment
{
    /// <summary>Stable id, also the name of the result folder and baseline file.</summary>
    public required string Id { get; init; }

    public required int Version { get; init; }

    public required string Title { get; init; }

    public required ReportSource Source { get; init; }

    public required DataSpec Data { get; init; }

    /// <summary>Input shape of one example, channels first: (channels, height, width).</summary>
    public required (int Channels, int Height, int Width) InputShape { get; init; }

    public required IReadOnlyList<Layer> Model { get; init; }

    public required TrainingSpec Training { get; init; }

    /// <summary>The single seed from which initialisation, shuffling and dropout seeds are derived.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Why this seed: the reports set none, so Repro fixes its own.</summary>
    public required string SeedNote { get; init; }

    public required IReadOnlyList<ReportedNumber> Reported { get; init; }

    /// <summary>Where the code that ran differs from the report's prose, and choices Repro made where the report is silent.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>Metrics the gate compares, with the band used when a baseline is first recorded.</summary>
    public required GateSpec Gate { get; init; }
}

/// <summary>The report file, section and the printed output a number or model comes from.</summary>
public sealed record ReportSource(string Report, string File, string Section);

/// <summary>The dataset id (as `repro data list` names it) and how pixels are scaled before training.</summary>
public sealed record DataSpec(string DatasetId, double PixelScale);

public sealed record TrainingSpec
{
    public required OptimizerSpec Optimizer { get; init; }
    public required string Loss { get; init; }
    public required int Epochs { get; init; }
    public required int BatchSize { get; init; }

    /// <summary>Keras validation_split: this fraction of the training set, taken from its end before shuffling, is held out.</summary>
    public required double ValidationSplit { get; init; }

    /// <summary>Keras's evaluate() batch size (its default, 32, unless the report passed one).</summary>
    public int EvaluationBatchSize { get; init; } = 32;
}

/// <summary>A Keras optimizer by name, with the arguments the report passed (Keras defaults otherwise).</summary>
public sealed record OptimizerSpec(string Name, double LearningRate);

/// <summary>A number the report printed, the metric it corresponds to in Repro's results, and where it was printed.</summary>
public sealed record ReportedNumber(string Metric, double Value, string Where);

/// <summary>Gated metric names and the absolute band for each when a baseline is first recorded, with how the bands were derived.</summary>
public sealed record GateSpec(IReadOnlyDictionary<string, double> Tolerances, string Derivation);
