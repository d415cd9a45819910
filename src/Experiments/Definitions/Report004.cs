namespace Repro.Experiments.Definitions;

/// <summary>
/// Report 004, COMP8685 coursework A1 on Fashion-MNIST (reports/004_0d34c5c1a0938430.txt),
/// trained with Keras 3.
/// </summary>
public static class Report004
{
    private const string File = "004_0d34c5c1a0938430.txt";

    /// <summary>Kernel L1L2(1e-5, 1e-4), bias L1(1e-5), activity L2(1e-4) on both convolutions and the hidden Dense.</summary>
    private static T Regularised<T>(T layer) where T : Layer => layer switch
    {
        Conv2D conv => (T)(Layer)(conv with
        {
            KernelRegularizer = Regularizers.L1L2(1e-5, 1e-4),
            BiasRegularizer = Regularizers.L1(1e-5),
            ActivityRegularizer = Regularizers.L2(1e-4),
        }),
        Dense dense => (T)(Layer)(dense with
        {
            KernelRegularizer = Regularizers.L1L2(1e-5, 1e-4),
            BiasRegularizer = Regularizers.L1(1e-5),
            ActivityRegularizer = Regularizers.L2(1e-4),
        }),
        _ => layer,
    };

    /// <summary>
    /// create_model(): conv 64 @k×k same relu → BN → max-pool 2 → conv N_HIDDEN @k×k same relu →
    /// BN → max-pool 2 → flatten → dense N_HIDDEN relu → dropout → dense 10 softmax. The sweep
    /// tables vary the hidden units, each layer's kernel size, the dropout and whether
    /// BatchNormalization is there.
    /// </summary>
    public static IReadOnlyList<Layer> Cnn(int hidden = 128, int kernel1 = 3, int kernel2 = 3, double dropout = 0.6, bool batchNorm = true) =>
    [
        Regularised(new Conv2D(64, kernel1, Activation.Relu, Padding.Same)),
        .. batchNorm ? [new BatchNormalization()] : Array.Empty<Layer>(),
        new MaxPooling2D(2),
        Regularised(new Conv2D(hidden, kernel2, Activation.Relu, Padding.Same)),
        .. batchNorm ? [new BatchNormalization()] : Array.Empty<Layer>(),
        new MaxPooling2D(2),
        new Flatten(),
        Regularised(new Dense(hidden, Activation.Relu)),
        new Dropout(dropout),
        new Dense(10, Activation.Softmax),
    ];

    /// <summary>
    /// compile()/fit() of the final configuration: Adam on ExponentialDecay(5e-4, 10,000 steps,
    /// 0.98), sparse categorical cross-entropy, 20 epochs of batch 16. fit() got both
    /// validation_split=0.2 and validation_data=(x_test, y_test); Keras 3 validated on the test set
    /// and trained on the whole fold (3,000 steps of 16 = 48,000 images per epoch in the log).
    /// </summary>
    public static TrainingSpec FinalTraining { get; } = new()
    {
        Optimizer = new OptimizerSpec("adam") { Schedule = new ExponentialDecay(5e-4, DecaySteps: 10_000, DecayRate: 0.98) },
        Loss = "sparse_categorical_crossentropy",
        Epochs = 20,
        BatchSize = 16,
        Validation = ValidationSpec.FromFitArguments(0.2, validationDataIsTestSet: true, KerasGeneration.Keras3),
    };

    /// <summary>
    /// The report printed no model summary, so the count is derived: conv 3·3·1·64+64 = 640,
    /// BN 4·64 = 256 (128 of them moving statistics), conv 3·3·64·128+128 = 73,856, BN 512 (256),
    /// dense 6,272·128+128 = 802,944, dense 1,290.
    /// </summary>
    public static IReadOnlyList<Architecture> Architectures { get; } =
    [
        new Architecture("004 final CNN", (1, 28, 28), Cnn(), PrintedTotal: null, PrintedNonTrainable: null, $"{File}: create_model() (no summary printed)")
        {
            Derived = 640 + 256 + 73_856 + 512 + 802_944 + 1_290,
        },
    ];

    public static ReportDefinition Definition { get; } = new()
    {
        Report = "004",
        File = File,
        Title = "",
        Experiments = [],
        Noise = new Dictionary<string, double>(),
        NoiseDerivation = "",
    };
}
