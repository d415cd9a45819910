using static System.FormattableString;

namespace Repro.Experiments.Definitions;

/// <summary>
/// Report 004, COMP8685 coursework A1 on Fashion-MNIST (reports/004_0d34c5c1a0938430.txt),
/// trained with Keras 3.
/// </summary>
public sealed class Report004 : IReportDefinitions
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
    /// and trained on the whole fold (3,000 steps of 16 = 48,000 images per epoch in the log), and
    /// added the three activity penalties summed over each batch, not divided by its size as Keras 2 did.
    /// </summary>
    public static TrainingSpec FinalTraining { get; } = new()
    {
        Optimizer = new OptimizerSpec("adam") { Schedule = new ExponentialDecay(5e-4, DecaySteps: 10_000, DecayRate: 0.98) },
        Loss = "sparse_categorical_crossentropy",
        Epochs = 20,
        BatchSize = 16,
        Validation = ValidationSpec.FromFitArguments(0.2, validationDataIsTestSet: true, KerasGeneration.Keras3),
        Keras = KerasGeneration.Keras3,
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

    private const string SeedNote =
        "The report seeded only the KFold (random_state=42, kept); model initialisation, batch shuffling and dropout were unseeded, " +
        "and its nine runs of the final configuration printed averages from 0.9067 to 0.9151. Repro fixes 42 for the model.";

    private static readonly string[] CommonNotes =
    [
        "Pixels divided by 255 and reshaped to 28×28×1; labels stay integers for sparse_categorical_crossentropy.",
        "fit() was given both validation_split=0.2 and validation_data=(x_test, y_test). Keras 3 ignores validation_split when validation_data is given, " +
            "so each fold's model trained on all of its training rows (the log: 3000/3000 steps of 16 = 48,000) and validated on the 10,000 test images every epoch, " +
            "although the set-up comment says 'the remaining .8 for training'.",
        "The fold scores are model.evaluate(x_val_fold, y_val_fold) on the fold's held-out rows (375 steps of 32 = 12,000 in the log); " +
            "the test-set validation inside fit() only fed the 'Test Case (Validation)' plots and, with no callbacks, did not change training.",
        "ExponentialDecay(5e-4, decay_steps=10,000, decay_rate=0.98) has staircase=False: the rate decays smoothly with the optimizer's step count " +
            "(×0.98 per 10,000 steps), so 20 epochs of 3,000 steps end at 0.98^6 ≈ 0.886 of 5e-4.",
    ];

    private static readonly string[] SweepNotes =
    [
        "The tables were produced by editing the set-up constants (or create_model()) and re-running the notebook; none of those runs' code or logs is shown. " +
            "Each table lists one variable and the conclusion lists the final values (K 5, 20 epochs, batch 16, 3x3 kernels in both layers, N_HIDDEN 128, " +
            "P_DROPOUT 0.6, sparse_categorical_crossentropy, BatchNormalization), so Repro reads every row as the final configuration with only that one setting changed.",
        "The row holding the final value (printed bold) is one more run of the final configuration with its own numbers, which differ from the final CV's 0.9120/0.3975; " +
            "Repro defines it exactly as 004-final-cv, so the same training serves both.",
    ];

    private static readonly double[] FoldAccuracies = [0.9139, 0.9145, 0.9085, 0.9174, 0.9058];
    private static readonly double[] FoldLosses = [0.3705, 0.3931, 0.4103, 0.4024, 0.4112];

    private static CrossValidation KFold(int splits) => new(Folds: splits, Shuffle: true, RandomState: 42, FoldScoring.HeldOutFold);

    public static Experiment FinalRun { get; } = new()
    {
        Id = "004-final-cv",
        // Version 2: Keras 3's activity penalties, summed over the batch (version 1 divided them by the batch size, as Keras 2 does).
        Version = 2,
        Title = "CNN with BatchNorm and L1L2 regularisers on Fashion-MNIST, 5-fold cross-validation, 20 epochs of batch 16",
        Source = new ReportSource("004", File, "\"Train the CNN model using k-fold cross-validation\" ([13]) and \"Evaluate your model in cross-validation\" ([17])"),
        Data = new DataSpec("fashion-mnist", PixelScale: 255),
        Protocol = KFold(5),
        InputShape = (1, 28, 28),
        Model = Cnn(),
        Training = FinalTraining,
        Seed = 42,
        SeedNote = SeedNote,
        Reported =
        [
            .. FoldAccuracies.Zip(FoldLosses).SelectMany((fold, i) =>
            {
                var printed = Invariant($"'Fold {i + 1}: Accuracy = {fold.First:0.0000}, Loss = {fold.Second:0.0000}'");
                return new[]
                {
                    new ReportedNumber(MetricNames.CvFoldAccuracy(i + 1), fold.First, printed, Decimals: 4),
                    new ReportedNumber(MetricNames.CvFoldLoss(i + 1), fold.Second, printed, Decimals: 4),
                };
            }),
            new ReportedNumber(MetricNames.CvMeanAccuracy, 0.9120, "'Final Cross-Validation Results: Average Accuracy: 0.9120'", Decimals: 4),
            new ReportedNumber(MetricNames.CvMeanLoss, 0.3975, "'Average Loss: 0.3975'", Decimals: 4),
        ],
        PrintedCourse = PrintedCourses.Report004FinalFold1,
        Notes =
        [
            .. CommonNotes,
            "KFold(n_splits=5, shuffle=True, random_state=42) over the 60,000 training images: 48,000 train and 12,000 score per fold, as the set-up cell printed.",
        ],
    };

    /// <summary>One printed row of a sweep table: its first column(s), id, averages, and how it departs from <see cref="FinalRun"/>.</summary>
    private sealed record Row(string Label, string Id, double Accuracy, double Loss, Func<Experiment, Experiment> Change);

    private static readonly Func<Experiment, Experiment> Unchanged = e => e;

    private static Func<Experiment, Experiment> Folds(int k) => e => e with { Protocol = KFold(k) };

    private static Func<Experiment, Experiment> Model(IReadOnlyList<Layer> model) => e => e with { Model = model };

    private static Func<Experiment, Experiment> Training(TrainingSpec training) => e => e with { Training = training };

    private static IEnumerable<Experiment> Table(string group, string column, string[] notes, params Row[] rows) =>
        rows.Select(row =>
        {
            var quoted = Invariant($"{group} row '{row.Label} | {row.Accuracy:0.0000} | {row.Loss:0.0000}'");
            return row.Change(FinalRun) with
            {
                Id = row.Id,
                Title = $"{column} {row.Label}, every other setting final ({group})",
                Source = new ReportSource("004", File, $"Additional questions: {group}"),
                Group = group,
                Reported =
                [
                    new ReportedNumber(MetricNames.CvMeanAccuracy, row.Accuracy, quoted + " (Average Accuracy)", Decimals: 4),
                    new ReportedNumber(MetricNames.CvMeanLoss, row.Loss, quoted + " (Average Loss)", Decimals: 4),
                ],
                PrintedCourse = null,
                Notes = [.. CommonNotes, .. SweepNotes, .. notes],
            };
        });

    /// <summary>The eight tables of "Additional questions", in report order, one experiment per printed row.</summary>
    public static IReadOnlyList<Experiment> Sweeps { get; } =
    [
        .. Table("K-Fold table", "K",
            ["KFold(n_splits=K, shuffle=True, random_state=42) with K changed: each fold trains on (K−1)/K of the 60,000 training images (K 3: 40,000; K 10: 54,000), is scored on the rest, and the average is over K folds."],
            new("3", "004-k-3", 0.9039, 0.3958, Folds(3)),
            new("5", "004-k-5", 0.9067, 0.3784, Unchanged),
            new("10", "004-k-10", 0.9051, 0.3721, Folds(10))),
        .. Table("Epochs table", "Epochs",
            ["N_EPOCH changed. The schedule counts steps, so the rate ends lower the longer the run: 10 epochs end at 0.98^3 ≈ 0.94 of 5e-4, 30 epochs at 0.98^9 ≈ 0.83."],
            new("10", "004-epochs-10", 0.9071, 0.3753, Training(FinalTraining with { Epochs = 10 })),
            new("15", "004-epochs-15", 0.9093, 0.3773, Training(FinalTraining with { Epochs = 15 })),
            new("20", "004-epochs-20", 0.9128, 0.3798, Unchanged),
            new("25", "004-epochs-25", 0.9083, 0.4037, Training(FinalTraining with { Epochs = 25 })),
            new("30", "004-epochs-30", 0.9106, 0.4061, Training(FinalTraining with { Epochs = 30 }))),
        .. Table("Batch Size table", "Batch size",
            ["BATCH_SIZE changed; every row still trains on all 48,000 rows of each fold (Keras 3 ignored validation_split). ExponentialDecay counts optimizer steps, not epochs, " +
                "so a larger batch also decays the rate less over the 20 epochs (batch 16: 60,000 steps, ≈ 0.886 of 5e-4; batch 256: 188 steps an epoch, 3,760 steps, ≈ 0.992). " +
                "Repro keeps the step-based schedule, as the code ran it."],
            new("16", "004-batch-16", 0.9151, 0.3796, Unchanged),
            new("32", "004-batch-32", 0.9101, 0.3797, Training(FinalTraining with { BatchSize = 32 })),
            new("64", "004-batch-64", 0.9082, 0.3949, Training(FinalTraining with { BatchSize = 64 })),
            new("128", "004-batch-128", 0.9067, 0.4066, Training(FinalTraining with { BatchSize = 128 })),
            new("256", "004-batch-256", 0.9028, 0.4145, Training(FinalTraining with { BatchSize = 256 }))),
        .. Table("Kernel Size table", "Kernel sizes (1st | 2nd layer):",
            ["create_model() hard-codes (3,3) in both Conv2D calls, so the reading is that those literals were edited; padding='same' keeps every feature-map size, so only the convolutions' weights change."],
            new("3x3 | 3x3", "004-kernel-3x3", 0.9099, 0.3809, Unchanged),
            new("3x3 | 5x5", "004-kernel-3x5", 0.9109, 0.3893, Model(Cnn(kernel1: 3, kernel2: 5))),
            new("5x5 | 3x3", "004-kernel-5x3", 0.9059, 0.4022, Model(Cnn(kernel1: 5, kernel2: 3))),
            new("5x5 | 5x5", "004-kernel-5x5", 0.9015, 0.4105, Model(Cnn(kernel1: 5, kernel2: 5)))),
        .. Table("N_HIDDEN table", "N_HIDDEN",
            ["create_model() uses N_HIDDEN for both the second convolution's filters and the hidden Dense's units, so each row changes both."],
            new("64", "004-hidden-64", 0.9107, 0.3245, Model(Cnn(hidden: 64))),
            new("128", "004-hidden-128", 0.9112, 0.3835, Unchanged),
            new("256", "004-hidden-256", 0.9093, 0.4771, Model(Cnn(hidden: 256))),
            new("512", "004-hidden-512", 0.9080, 0.5732, Model(Cnn(hidden: 512)))),
        .. Table("P_DROPOUT table", "P_DROPOUT",
            ["P_DROPOUT changed: the rate of the single Dropout before the output layer."],
            new("0.2", "004-dropout-0.2", 0.9083, 0.4300, Model(Cnn(dropout: 0.2))),
            new("0.3", "004-dropout-0.3", 0.9082, 0.4231, Model(Cnn(dropout: 0.3))),
            new("0.4", "004-dropout-0.4", 0.9053, 0.4252, Model(Cnn(dropout: 0.4))),
            new("0.5", "004-dropout-0.5", 0.9094, 0.4056, Model(Cnn(dropout: 0.5))),
            new("0.6", "004-dropout-0.6", 0.9097, 0.3811, Unchanged),
            new("0.7", "004-dropout-0.7", 0.9092, 0.3766, Model(Cnn(dropout: 0.7)))),
        .. Table("Loss Function table", "Loss",
            ["The commented-out lines of cells [2] and [4] show how the categorical row ran: labels loaded as output_y_train/output_y_test, one-hot encoded with " +
                "utils.to_categorical(…, N_CLASSES) and compiled with loss='categorical_crossentropy'; Repro registers that loss with the default one-hot label encoding. " +
                "On the softmax output both losses are the same cross-entropy, so the two rows should differ only by run-to-run noise."],
            new("sparse_categorical_crossentropy", "004-loss-sparse", 0.9115, 0.3808, Unchanged),
            new("categorical_crossentropy", "004-loss-categorical", 0.9099, 0.3840,
                Training(FinalTraining with { Loss = "categorical_crossentropy", Labels = LabelEncoding.OneHot }))),
        .. Table("Batch Normalization table", "BatchNormalization",
            ["The 'No' row removes both BatchNormalization layers (create_model() has one after each convolution, the conclusion's 'in each layer'); nothing else changes."],
            new("No", "004-batchnorm-off", 0.9097, 0.3881, Model(Cnn(batchNorm: false))),
            new("Yes", "004-batchnorm-on", 0.9115, 0.3808, Unchanged)),
    ];

    /// <summary>
    /// The report trained the final configuration (K 5, 20 epochs, batch 16, 3x3/3x3 kernels, N_HIDDEN 128, P_DROPOUT 0.6,
    /// sparse_categorical_crossentropy, BatchNormalization) repeatedly without a model seed: the final CV and the final-value
    /// row of each sweep table. Their averages are draws of a CV mean, and the final CV's five folds draws of one fold's score.
    /// </summary>
    /// <remarks>
    /// The loss and BatchNorm tables' final rows both print 0.9115/0.3808, as does the conclusion: two runs agreeing to four
    /// decimals in both numbers is far less likely than one run quoted twice, so that pair counts once (eight draws, not nine;
    /// with it the deviations would be 0.00231 and 0.00580). The K-fold table's K 3 and K 10 rows average 3 and 10 folds, whose
    /// means move about √(5/3) and √(1/2) times as much; the report repeats neither, so the 5-fold spread stands for them.
    /// </remarks>
    private static Dictionary<string, ReportedSpread> RepeatSpreads()
    {
        const string repeats = "the 8 distinct runs of the final configuration (the final CV and the final-value rows of the K-fold, Epochs, Batch Size, " +
            "Kernel Size, N_HIDDEN, P_DROPOUT and Loss Function tables; the Batch Normalization row repeats the Loss Function row's 0.9115/0.3808)";
        var spread = new Dictionary<string, ReportedSpread>
        {
            [MetricNames.CvMeanAccuracy] = new(0.00246776, 8, $"{repeats}: Average Accuracy 0.9120, 0.9067, 0.9128, 0.9151, 0.9099, 0.9112, 0.9097, 0.9115"),
            [MetricNames.CvMeanLoss] = new(0.00615978, 8, $"{repeats}: Average Loss 0.3975, 0.3784, 0.3798, 0.3796, 0.3809, 0.3835, 0.3811, 0.3808"),
        };
        var foldAccuracy = new ReportedSpread(0.00473572, 5, "the final CV's 5 folds ('Fold k: Accuracy = …'): 0.9139, 0.9145, 0.9085, 0.9174, 0.9058");
        var foldLoss = new ReportedSpread(0.0167623, 5, "the final CV's 5 folds ('Fold k: …, Loss = …'): 0.3705, 0.3931, 0.4103, 0.4024, 0.4112");
        for (var fold = 1; fold <= 5; fold++)
        {
            spread[MetricNames.CvFoldAccuracy(fold)] = foldAccuracy;
            spread[MetricNames.CvFoldLoss(fold)] = foldLoss;
        }

        return spread;
    }

    public static ReportDefinition Definition { get; } = new()
    {
        Report = "004",
        File = File,
        Title = "COMP8685 A1: CNN with BatchNorm and L1L2 regularisers on Fashion-MNIST",
        Experiments = [FinalRun, .. Sweeps],
        Architectures = Architectures,
        Spread = RepeatSpreads(),
    };
}
