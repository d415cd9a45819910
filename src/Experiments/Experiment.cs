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

    /// <summary>How the models are trained and scored (hold-out or k-fold cross-validation).</summary>
    public required Protocol Protocol { get; init; }

    /// <summary>Input shape of one example, channels first: (channels, height, width).</summary>
    public required (int Channels, int Height, int Width) InputShape { get; init; }

    public required IReadOnlyList<Layer> Model { get; init; }

    public required TrainingSpec Training { get; init; }

    /// <summary>The single seed from which initialisation, shuffling and dropout seeds are derived.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Why this seed: the reports set none, so Repro fixes its own.</summary>
    public required string SeedNote { get; init; }

    public required IReadOnlyList<ReportedNumber> Reported { get; init; }

    /// <summary>
    /// The per-epoch log the report printed for this experiment's run, or null where it printed none. Set it on
    /// every definition made with `with` from one that has it: a log belongs to one run.
    /// </summary>
    public PrintedCourse? PrintedCourse { get; init; }

    /// <summary>Where the code that ran differs from the report's prose, and choices Repro made where the report is silent.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>The table or sweep of the report this run belongs to (e.g. "Batch Size table"), or null for a stand-alone run.</summary>
    public string? Group { get; init; }

    /// <summary>
    /// Null when the experiment is what the report ran. Otherwise a label saying how it departs from
    /// that (an as-intended reading of buggy code, a substitute dataset): its numbers are shown
    /// apart and never judged against the report's.
    /// </summary>
    public string? Variant { get; init; }

    /// <summary>Weights the full profile needs before it can run (transfer learning); empty for models trained from scratch.</summary>
    public IReadOnlyList<PretrainedWeights> Weights { get; init; } = [];

    /// <summary>
    /// True when its full profile fits the CPU test budget: `./build.sh Test` trains it on every run (it reads them from
    /// `repro list --test-budget`) and gates the result. A definition made with `with` copies the flag; say it again where it differs.
    /// </summary>
    public bool InCpuTestBudget { get; init; }
}

/// <summary>The report file, section and the printed output a number or model comes from.</summary>
public sealed record ReportSource(string Report, string File, string Section);

public sealed record TrainingSpec
{
    public required OptimizerSpec Optimizer { get; init; }
    public required string Loss { get; init; }
    public required int Epochs { get; init; }
    public required int BatchSize { get; init; }

    /// <summary>What each epoch validates on (and what early stopping watches).</summary>
    public required ValidationSpec Validation { get; init; }

    /// <summary>Keras EarlyStopping on val_loss, or null to train every epoch.</summary>
    public EarlyStoppingSpec? EarlyStopping { get; init; }

    /// <summary>How labels reach a non-cross-entropy loss (report 002's loss sweep fed integers).</summary>
    public LabelEncoding Labels { get; init; } = LabelEncoding.OneHot;

    /// <summary>Keras's evaluate() batch size (its default, 32, unless the report passed one).</summary>
    public int EvaluationBatchSize { get; init; } = 32;

    /// <summary>The Keras generation whose training rules apply where they differ (how activity penalties enter the loss).</summary>
    [CanonicalDefault(KerasGeneration.TfKeras2)]
    public KerasGeneration Keras { get; init; } = KerasGeneration.TfKeras2;
}

/// <summary>
/// A Keras optimizer by name ("sgd", "rmsprop", "adagrad", "adadelta", "adam", "adamax", "nadam"),
/// with the arguments the report passed; every argument left null takes that optimizer's Keras
/// default. A <see cref="Schedule"/> replaces the constant learning rate, as passing a
/// LearningRateSchedule as learning_rate does in Keras.
/// </summary>
public sealed record OptimizerSpec(string Name, double? LearningRate = null)
{
    /// <summary>SGD and RMSprop momentum.</summary>
    public double? Momentum { get; init; }

    /// <summary>SGD's nesterov flag.</summary>
    public bool? Nesterov { get; init; }

    /// <summary>RMSprop's and Adadelta's decay rate.</summary>
    public double? Rho { get; init; }

    /// <summary>RMSprop's centered flag.</summary>
    public bool? Centered { get; init; }

    public double? Beta1 { get; init; }

    public double? Beta2 { get; init; }

    public double? Epsilon { get; init; }

    /// <summary>Adagrad's initial accumulator value.</summary>
    public double? InitialAccumulatorValue { get; init; }

    public ExponentialDecay? Schedule { get; init; }
}

/// <summary>
/// A number the report printed, the metric it corresponds to in Repro's results (see
/// <see cref="MetricNames"/>), and where it was printed. <paramref name="Decimals"/> is how many
/// decimals the report printed, when it rounded (report 002's sweep dictionaries print 3).
/// </summary>
public sealed record ReportedNumber(string Metric, double Value, string Where, int? Decimals = null);
