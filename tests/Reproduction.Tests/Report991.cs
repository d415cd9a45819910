using Repro.Experiments;

namespace Repro.Reproduction.Tests;

/// <summary>
/// A report on a dataset and a layer kind that are both defined in this test assembly (<see cref="TestDigitsDataset"/>,
/// <see cref="GlobalAveragePooling2D"/>): nothing in Repro's own code names any of the three (<see cref="DatasetDiscoveryTests"/>).
/// </summary>
public sealed class Report991 : IReportDefinitions
{
    private const string File = "991_new_dataset_test.txt";

    /// <summary>Conv 4@3×3 valid + ReLU on 8×8 → 6×6×4 → global average → 4 → dense 10 softmax: 40 + 50 = 90 parameters.</summary>
    private static IReadOnlyList<Layer> PooledCnn { get; } =
    [
        new Conv2D(4, 3, Activation.Relu),
        new GlobalAveragePooling2D(),
        new Dense(10, Activation.Softmax),
    ];

    public static Experiment PooledCnnOnTestDigits { get; } = new()
    {
        Id = "991-pooled-cnn-test-digits",
        Version = 1,
        Title = "One convolution and a global average on the test digits, published split",
        Source = new ReportSource("991", File, "the whole report"),
        Data = new DataSpec(TestDigitsDataset.Id, PixelScale: 255),
        Protocol = new HoldOut(),
        InputShape = (1, 8, 8),
        Model = PooledCnn,
        Training = new TrainingSpec
        {
            Optimizer = new OptimizerSpec("adam"),
            Loss = "categorical_crossentropy",
            Epochs = 3,
            BatchSize = 16,
            Validation = new NoValidation(),
        },
        Seed = 7,
        SeedNote = "A fixed seed of the test report.",
        Reported = [new ReportedNumber(MetricNames.TestAccuracy, 0.5, "the test report's one number")],
        Notes = [],
    };

    public static ReportDefinition Definition { get; } = new()
    {
        Report = "991",
        File = File,
        Title = "A report on a dataset and a layer kind defined inside the tests",
        Experiments = [PooledCnnOnTestDigits],
        Architectures = [new Architecture("991 pooled CNN", (1, 8, 8), PooledCnn, 90, 0, $"{File}: model.summary()")],
        Spread = new Dictionary<string, ReportedSpread>(),
    };
}
