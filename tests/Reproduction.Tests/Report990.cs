using Repro.Experiments;

namespace Repro.Reproduction.Tests;

/// <summary>
/// A report defined the way a new one is, in one file: a class implementing <see cref="IReportDefinitions"/>,
/// with an existing layer kind and dataset and a report id of its own. Nothing else names it; discovery
/// over this assembly finds it (<see cref="ReportDiscoveryTests"/>).
/// </summary>
public sealed class Report990 : IReportDefinitions
{
    private const string File = "990_discovery_test.txt";

    /// <summary>Conv 4@3×3 valid + ReLU on 8×8 → 6×6×4 → dense 10 softmax: 40 + 1,450 = 1,490 parameters.</summary>
    private static IReadOnlyList<Layer> SmallCnn { get; } =
    [
        new Conv2D(4, 3, Activation.Relu),
        new Flatten(),
        new Dense(10, Activation.Softmax),
    ];

    public static Experiment HoldOut { get; } = new()
    {
        Id = "990-small-cnn-holdout",
        Version = 1,
        Title = "One-convolution CNN on the scikit-learn digits, 80/20 hold-out",
        Source = new ReportSource("990", File, "the whole report"),
        Data = new DataSpec("uci-digits-sklearn-subset", PixelScale: 1) { Split = new TrainTestSplit(TestSize: 0.2, RandomState: 42) },
        Protocol = new HoldOut(),
        InputShape = (1, 8, 8),
        Model = SmallCnn,
        Training = new TrainingSpec
        {
            Optimizer = new OptimizerSpec("adam"),
            Loss = "categorical_crossentropy",
            Epochs = 5,
            BatchSize = 32,
            Validation = new NoValidation(),
        },
        Seed = 42,
        SeedNote = "A fixed seed of the test report.",
        Reported = [new ReportedNumber(MetricNames.TestAccuracy, 0.95, "the test report's one number")],
        Notes = [],
    };

    public static ReportDefinition Definition { get; } = new()
    {
        Report = "990",
        File = File,
        Title = "A report defined inside the tests",
        Experiments = [HoldOut],
        Architectures = [new Architecture("990 small CNN", (1, 8, 8), SmallCnn, 1_490, 0, $"{File}: model.summary()")],
        Spread = new Dictionary<string, ReportedSpread>(),
    };
}
