using System.Globalization;
using static System.FormattableString;

namespace Repro.Experiments.Definitions;

/// <summary>
/// Report 002, the CNN tuning report (reports/002_49f77bc0b440cec7.txt; read with
/// reports/notes/seed-002-extraction.md): Part A on a greyscale 32×32 set, Part B on colour
/// CIFAR-10. Every convolution is 3×3 with its activation inside the layer; pooling is 2×2 valid.
/// </summary>
public sealed class Report002 : IReportDefinitions
{
    private const string File = "002_49f77bc0b440cec7.txt";

    private static Conv2D C(int filters, Padding padding = Padding.Same, Activation activation = Activation.Relu) =>
        new(filters, 3, activation, padding);

    private static MaxPooling2D P => new(2);

    /// <summary>build_CNN_1: three single valid convolutions (32, 64, 64), each pooled; dense 64 relu.</summary>
    public static IReadOnlyList<Layer> Cnn1 { get; } =
    [
        C(32, Padding.Valid), P, C(64, Padding.Valid), P, C(64, Padding.Valid), P,
        new Flatten(), new Dense(64, Activation.Relu), new Dense(10, Activation.Softmax),
    ];

    /// <summary>build_CNN_3(n1, n2, n3): three blocks of two same-padded convolutions, each pooled; CNN_2 is (32, 64, 64).</summary>
    public static IReadOnlyList<Layer> Cnn3(int n1, int n2, int n3) =>
    [
        C(n1), C(n1), P, C(n2), C(n2), P, C(n3), C(n3), P,
        new Flatten(), new Dense(64, Activation.Relu), new Dense(10, Activation.Softmax),
    ];

    /// <summary>
    /// build_CNN_4(d1, d2, d3, d4) as it ran: CNN_3(32, 64, 128) with a Dropout after each pool
    /// and after the dense layer, all four at rate d1 (the helper ignores d2..d4).
    /// </summary>
    public static IReadOnlyList<Layer> Cnn4(double d1) =>
    [
        C(32), C(32), P, new Dropout(d1), C(64), C(64), P, new Dropout(d1), C(128), C(128), P, new Dropout(d1),
        new Flatten(), new Dense(64, Activation.Relu), new Dropout(d1), new Dense(10, Activation.Softmax),
    ];

    /// <summary>
    /// build_CNN_7(f1, f2): each convolution (activation f1) followed by BatchNormalization, dropouts
    /// 0.3/0.4/0.5 after the pools, dense units with activation f2 → BN → dropout 0.3. CNN_5_v1 is
    /// (dense 64, relu, relu), CNN_6(d) is (d, relu, relu), CNN_8 and CNN_9 are (128, relu, tanh).
    /// </summary>
    public static IReadOnlyList<Layer> Cnn7(int dense = 128, Activation conv = Activation.Relu, Activation denseActivation = Activation.Relu) =>
    [
        C(32, activation: conv), new BatchNormalization(), C(32, activation: conv), new BatchNormalization(), P, new Dropout(0.3),
        C(64, activation: conv), new BatchNormalization(), C(64, activation: conv), new BatchNormalization(), P, new Dropout(0.4),
        C(128, activation: conv), new BatchNormalization(), C(128, activation: conv), new BatchNormalization(), P, new Dropout(0.5),
        new Flatten(), new Dense(dense, denseActivation), new BatchNormalization(), new Dropout(0.3),
        new Dense(10, Activation.Softmax),
    ];

    private static readonly (int C, int H, int W) Grey = (1, 32, 32);

    private static Architecture Printed(string name, IReadOnlyList<Layer> layers, long total, long nonTrainable, string where) =>
        new(name, Grey, layers, total, nonTrainable, $"{File}: {where}");

    public static IReadOnlyList<Architecture> Architectures { get; } =
    [
        Printed("002 CNN_1", Cnn1, 72_842, 0, "summary of build_CNN_1 (L208-222)"),
        Printed("002 CNN_2", Cnn3(32, 64, 64), 205_098, 0, "summary of build_CNN_2 (L474-491)"),
        Printed("002 CNN_3 v0", Cnn3(16, 32, 64), 138_042, 0, "summary of build_CNN_3(16, 32, 64) (L668-683)"),
        Printed("002 CNN_3 v1", Cnn3(32, 64, 128), 418_218, 0, "summary of build_CNN_3(32, 64, 128)"),
        Printed("002 CNN_3 v2", Cnn3(64, 128, 256), 1_407_114, 0, "summary of build_CNN_3(64, 128, 256)"),
        Printed("002 CNN_3 v3", Cnn3(128, 256, 512), 5_099_082, 0, "summary of build_CNN_3(128, 256, 512)"),
        Printed("002 CNN_4", Cnn4(0.5), 418_218, 0, "summaries of CNN_4_v1 and build_CNN_4"),
        Printed("002 CNN_5_v1", Cnn7(64), 420_266, 1_024, "summary of CNN_5_v1 (L2636-2667)"),
        Printed("002 CNN_6 dense 32", Cnn7(32), 354_250, 960, "summary of build_CNN_6(32)"),
        Printed("002 CNN_6 dense 128", Cnn7(128), 552_298, 1_152, "summary of build_CNN_6(128)"),
        Printed("002 CNN_6 dense 256", Cnn7(256), 816_362, 1_408, "summary of build_CNN_6(256)"),
        Printed("002 CNN_6 dense 512", Cnn7(512), 1_344_490, 1_920, "summary of build_CNN_6(512)"),
        Printed("002 CNN_7 tanh/tanh", Cnn7(128, Activation.Tanh, Activation.Tanh), 552_298, 1_152, "summary of build_CNN_7('tanh', 'tanh')"),
        new Architecture("002 Part B (CNN_9 on colour)", (3, 32, 32), Cnn7(128, Activation.Relu, Activation.Tanh), null, null,
            $"{File}: Part B model (L9746-9781), no summary printed")
        {
            // CNN_9's 552,298 with a first convolution of 3·3·3·32+32 = 896 weights instead of 320.
            Derived = 552_298 - 320 + 896,
        },
    ];

    /// <summary>CNN_8, CNN_9 and the Part B model: build_CNN_7('relu', 'tanh') with dense 128.</summary>
    private static readonly IReadOnlyList<Layer> Cnn8 = Cnn7(128, Activation.Relu, Activation.Tanh);

    /// <summary>What one part of the report trained on, and the notes every run on that data carries.</summary>
    private sealed record Input(DataSpec Data, (int Channels, int Height, int Width) Shape, IReadOnlyList<string> Notes);

    private static readonly Input PartA = new(
        new DataSpec("cifar-10-grey", PixelScale: 255)
        {
            SubstituteFor = "the course's IT3312 pickles (train_batch1..5 and test_batch1, 1,024 grey pixels and a label a row), which are not published. " +
                "They are almost certainly greyscale CIFAR-10: 50,000/10,000 rows, 1,000 test images a class, CIFAR-10's class names in the augmentation plot. " +
                "Repro's cifar-10-grey is a reconstruction with BT.601 luma; the course's grey formula and raw label values are not shown",
        },
        Grey,
        [
            "Part A data: the IT3312 pickles train_batch1..5 concatenated in order (50,000 rows) and test_batch1 (10,000); pixels divided by 255 and reshaped to 32×32×1; " +
            "labels LabelEncoder codes 0..9, kept as integers for sparse_categorical_crossentropy.",
        ]);

    private static readonly Input PartB = new(
        new DataSpec("cifar-10", PixelScale: 1) { Layout = PixelLayout.HeightWidthChannelReshape },
        (3, 32, 32),
        [
            "Part B data: CIFAR-10's python batches (data_batch_1..5, test_batch), only cast to float32: pixels stay 0..255, unscaled, as run.",
            "Each 3,072-byte planar record was reshaped straight to (32, 32, 3) instead of reshape(3, 32, 32).transpose(1, 2, 0), which scrambles the images; " +
            "Repro trains on the same scrambled layout because that is what produced the reported numbers.",
            "Labels are CIFAR-10's integers 0..9, used as they are.",
        ]);

    private const string SeedNote =
        "The report set no seed (no np.random.seed, tf.random.set_seed, random_state or shuffle override anywhere); Repro fixes 42 so that runs repeat.";

    private const string ValidationNote =
        "fit() was given both validation_split=0.2 and validation_data=(X_test, y_test). TF 2.8's Keras applies the split regardless, so training used the first 40,000 " +
        "training rows (40,000 / batch steps an epoch in the logs) and validated, and early-stopped, on the last 10,000, cut before shuffling; " +
        "the test set was only predicted and evaluated after training.";

    private const string EarlyStoppingNote =
        "EarlyStopping(monitor='val_loss', mode='min', patience=5) without restore_best_weights: training stopped 5 epochs after the best val_loss " +
        "and the last epoch's weights were evaluated.";

    /// <summary>keras's fit(X_train, y_train, epochs=500, batch_size=64, validation_split=0.2, callbacks=[es_callback], validation_data=(X_test, y_test)) after compile(optimizer='adam', loss='sparse_categorical_crossentropy').</summary>
    private static readonly TrainingSpec Fit = new()
    {
        Optimizer = new OptimizerSpec("adam"),
        Loss = SparseCrossEntropy,
        Epochs = 500,
        BatchSize = 64,
        Validation = ValidationSpec.FromFitArguments(0.2, validationDataIsTestSet: true, KerasGeneration.TfKeras2),
        EarlyStopping = new EarlyStoppingSpec(Patience: 5),
    };

    /// <summary>tf.keras.optimizers.Adam(lr=0.0004), the rate chosen in the learning-rate sweep and used from then on.</summary>
    private static readonly TrainingSpec Tuned = Fit with { Optimizer = new OptimizerSpec("adam", LearningRate: 0.0004) };

    /// <summary>The "augmentation" and Part B runs: Adam 0.0004, batch 32, a fixed number of epochs and no callbacks.</summary>
    private static TrainingSpec FixedEpochs(int epochs) => Tuned with { BatchSize = 32, Epochs = epochs, EarlyStopping = null };

    private const double KerasAdamDefaultRate = 0.001;

    /// <summary>
    /// Adam(lr=rate). The default rate is written as the default, so that the LR=0.001 run is the same definition as the
    /// default-Adam runs it repeats (Repro trains identical definitions once).
    /// </summary>
    private static OptimizerSpec Adam(double rate) => rate == KerasAdamDefaultRate ? Fit.Optimizer : new OptimizerSpec("adam", rate);

    /// <summary>The last epoch of a run's fit log: how many epochs ran and that epoch's validation loss and accuracy.</summary>
    private sealed record FitLog(int Epochs, double ValLoss, double ValAccuracy)
    {
        public IEnumerable<ReportedNumber> Numbers(TrainingSpec training)
        {
            var last = Invariant($"fit log, epoch {Epochs}/{training.Epochs}");
            var ended = training.EarlyStopping is null ? "all epochs ran" : "the last epoch before early stopping";
            return
            [
                new(MetricNames.EpochsRan, Epochs, $"{last}: {ended}"),
                new(MetricNames.FinalValidationLoss, ValLoss, Invariant($"{last}: 'val_loss: {ValLoss:F4}'"), Decimals: 4),
                new(MetricNames.FinalValidationAccuracy, ValAccuracy, Invariant($"{last}: 'val_accuracy: {ValAccuracy:F4}'"), Decimals: 4),
            ];
        }
    }

    /// <summary>
    /// What a fully scored run printed: evaluate() on the test set at <paramref name="line"/> (its next line prints the
    /// accuracy ×100 in full), the full-precision f1_score, and the classification report's 2-decimal macro row.
    /// </summary>
    private static ReportedNumber[] Scored(int line, double loss, double accuracy, double macroF1, double precision, double recall)
    {
        var evaluate = Invariant($"evaluate() at L{line}: 'loss: {loss:F4} - accuracy: {accuracy:F4}'");
        return
        [
            new(MetricNames.TestAccuracy, accuracy, evaluate),
            new(MetricNames.TestLoss, loss, evaluate, Decimals: 4),
            new(MetricNames.TestMacroF1, macroF1, Invariant($"'Macro F1-score: {macroF1}'")),
            new(MetricNames.TestMacroPrecision, precision, Invariant($"classification_report 'macro avg' precision {precision:F2}"), Decimals: 2),
            new(MetricNames.TestMacroRecall, recall, Invariant($"classification_report 'macro avg' recall {recall:F2}"), Decimals: 2),
        ];
    }

    /// <summary>A sweep's only score: round(f1_score(..., average='macro'), 3) in the results_dict printed at <paramref name="line"/>.</summary>
    private static ReportedNumber[] RoundedF1(int line, string key, double macroF1) =>
        [new(MetricNames.TestMacroF1, macroF1, Invariant($"results_dict printed at L{line}: '{key}': {macroF1:F3}"), Decimals: 3)];

    private static Experiment Run(
        Input input, string id, string group, string section, string title, IReadOnlyList<Layer> model, TrainingSpec training,
        FitLog log, IEnumerable<ReportedNumber> scores, params string[] notes) => new()
    {
        Id = id,
        Version = 1,
        Title = title,
        Group = group,
        Source = new ReportSource("002", File, section),
        Data = input.Data,
        Protocol = new HoldOut(),
        InputShape = input.Shape,
        Model = model,
        Training = training,
        Seed = 42,
        SeedNote = SeedNote,
        Reported = [.. scores, .. log.Numbers(training)],
        Notes = [.. input.Notes, ValidationNote, .. training.EarlyStopping is null ? [] : new[] { EarlyStoppingNote }, .. notes],
    };

    private static string RepeatOf(string id) =>
        $"The same configuration as {id}, trained again; the report set no seeds, so the two printed runs differ by chance alone.";

    private const string ConvFilters = "Conv filter combinations (CNN_3)";
    private const string Dropouts = "Dropout (CNN_4)";
    private const string DenseUnits = "Dense units (CNN_6)";
    private const string Activations = "Activations (CNN_7)";
    private const string OptimizerSweep = "Optimizer sweep";
    private const string LearningRateSweep = "Learning-rate sweep";
    private const string BatchSizeSweep = "Batch-size sweep";
    private const string LossSweep = "Loss-function sweep";
    private const string Augmentation = "Augmentation (3.4)";
    private const string Colour = "Part B colour";

    /// <summary>
    /// build_CNN_4(d1, d2, d3, d4) as called under a heading that names all four rates; the helper uses d1 for every
    /// Dropout, so the model is <see cref="Cnn4"/>(d1).
    /// </summary>
    private static Experiment Cnn4Run(string id, string name, string section, double[] intended, FitLog log, ReportedNumber[] scores, params string[] notes)
    {
        var rates = string.Join(", ", intended.Select(rate => rate.ToString(CultureInfo.InvariantCulture)));
        return Run(PartA, id, Dropouts, section, Invariant($"{name}: build_CNN_4({rates}), as run dropout {intended[0]} after every pool and the dense layer"),
            Cnn4(intended[0]), Fit, log, scores,
            [
                Invariant($"The heading and the call say dropout rates [{rates}], but build_CNN_4 gives all four Dropout layers d1, so what trained had dropout {intended[0]} everywhere."),
                .. notes,
            ]);
    }

    private static readonly string[] OptimizerSweepNotes =
    [
        "tuning_optimizers() builds a fresh CNN_8 per optimizer and compiles it with the optimizer's name as a string, so each ran with its Keras defaults " +
        "(TF 2.8: SGD lr 0.01 without momentum; RMSprop, Adagrad, Adadelta, Adam, Adamax and Nadam lr 0.001).",
        "Only round(f1_score(..., average='macro'), 3) was printed per optimizer; there is no evaluate() or classification report. " +
        "The epochs and the last validation numbers come from the sweep cell's continuous fit log.",
    ];

    /// <summary>One entry of tuning_optimizers(['SGD', 'RMSprop', 'Adagrad', 'Adadelata', 'Adam', 'Adamax', 'Nadam']), its log starting at <paramref name="logLine"/>.</summary>
    private static Experiment OptimizerRun(string id, string name, int logLine, double macroF1, FitLog log, params string[] notes) =>
        Run(PartA, id, OptimizerSweep, $"3.3 Tuning Optimizer: tuning_optimizers (L4965-4984), '{name}' from L{logLine}",
            $"CNN_8 with optimizer='{name}' (Keras defaults), batch 64", Cnn8, Fit with { Optimizer = new OptimizerSpec(name.ToLowerInvariant()) },
            log, RoundedF1(5844, name, macroF1), [.. OptimizerSweepNotes, .. notes]);

    private static readonly string[] LearningRateSweepNotes =
    [
        "Each rate builds a fresh CNN_8 compiled with tf.keras.optimizers.Adam(lr=rate), the deprecated alias of learning_rate; batch 64.",
        "The prose speaks of 'the Adamx optimizer'; the code uses Adam.",
    ];

    private static Experiment LearningRateRun(string id, double rate, string section, FitLog log, ReportedNumber[] scores, params string[] notes) =>
        Run(PartA, id, LearningRateSweep, section, Invariant($"CNN_8 with Adam(lr={rate}), batch 64"), Cnn8, Fit with { Optimizer = Adam(rate) },
            log, scores, [.. LearningRateSweepNotes, .. notes]);

    private const string BatchSizeSweepNote =
        "Each batch size builds a fresh CNN_8 compiled with Adam(lr=0.0004); the logs' steps an epoch (2,500, 1,250, 625, 313) confirm the batch over 40,000 rows.";

    private static Experiment BatchSizeRun(string id, int batchSize, string section, FitLog log, ReportedNumber[] scores, params string[] notes) =>
        Run(PartA, id, BatchSizeSweep, section, $"CNN_8 with Adam(lr=0.0004), batch {batchSize}", Cnn8, Tuned with { BatchSize = batchSize },
            log, scores, [BatchSizeSweepNote, .. notes]);

    private const string SparseCrossEntropy = "sparse_categorical_crossentropy";

    private static readonly string[] LossSweepNotes =
    [
        "tuning_loss_function() builds a fresh CNN_8 per loss with Adam(lr=0.0004) and passes batch_size=32, but every epoch of its log has 313 steps, " +
        "i.e. batch 128 over 40,000 rows; Repro follows the log.",
        "Only round(f1_score(..., average='macro'), 3) was printed per loss; there is no evaluate() or classification report.",
    ];

    private const string IntegerLabelsNote =
        "The labels stayed integers of shape (N,), not one-hot: Keras reshaped them to (N, 1) and broadcast each against all 10 softmax outputs, " +
        "which is why the losses sit at meaningless values (MSE ≈ 27.7, KLD ≈ 20.7) and the model stays at chance; Repro feeds the same integer labels.";

    /// <summary>One entry of tuning_loss_function, its log starting at <paramref name="logLine"/>; the non-cross-entropy losses got integer labels.</summary>
    private static Experiment LossRun(string id, string loss, int logLine, double macroF1, FitLog log, params string[] notes)
    {
        var crossEntropy = loss == SparseCrossEntropy;
        return Run(PartA, id, LossSweep, $"3.3.4 Tuning Loss Function: tuning_loss_function (L8390-8409), '{loss}' from L{logLine}",
            $"CNN_8 with loss='{loss}', Adam(lr=0.0004), batch 128 as run", Cnn8,
            Tuned with { Loss = loss, BatchSize = 128, Labels = crossEntropy ? LabelEncoding.OneHot : LabelEncoding.IntegerBroadcast },
            log, RoundedF1(8720, loss, macroF1), [.. LossSweepNotes, .. crossEntropy ? [] : new[] { IntegerLabelsNote }, .. notes]);
    }

    private const string NoAugmentationNote =
        "Despite the heading, nothing was augmented: an ImageDataGenerator(horizontal_flip=True, width_shift_range=1.0, height_shift_range=1.0) was made and fit, " +
        "but model.fit() was given the raw arrays, not datagen.flow(...). The run differs from the one before it only in epochs, batch size and having no early stopping.";

    private static IReadOnlyList<Experiment> Runs { get; } = WithPrintedCourses(
    [
        Run(PartA, "002-a01-cnn1", "Base model (3.1)", "3.1 CNN-1: CNN base model (L175)", "CNN_1: three valid convolutions 32/64/64, dense 64", Cnn1, Fit,
            new(19, 1.0152, 0.6647), Scored(377, 1.0218, 0.6666, 0.6652326744791927, 0.68, 0.67),
            "The conclusion says 'F1-Score is 65%'; f1_score printed 0.6652."),
        Run(PartA, "002-a02-cnn2", "Conv depth (3.2.1.1)", "3.2.1.1.1 CNN 2: Doubling Conv2d Layer (L443)", "CNN_2: two same convolutions a block, 32/64/64", Cnn3(32, 64, 64), Fit,
            new(13, 1.0102, 0.7353), Scored(580, 1.0749, 0.7228, 0.7231424691248046, 0.73, 0.72)),
        Run(PartA, "002-a03-cnn3-v0", ConvFilters, "3.2.1.2.1 CNN 3 v0: Neurons Combination 1: 16,32,64 (L659)", "CNN_3 v0: filters 16/32/64", Cnn3(16, 32, 64), Fit,
            new(13, 0.9382, 0.7175), Scored(793, 0.9874, 0.7089, 0.7057414029372829, 0.72, 0.71)),
        Run(PartA, "002-a04-cnn3-v1", ConvFilters, "3.2.1.2.2 CNN 3 v1 Neurons Combination 1: 32, 64, 128 (L827)", "CNN_3 v1: filters 32/64/128", Cnn3(32, 64, 128), Fit,
            new(11, 1.0662, 0.7485), Scored(947, 1.1322, 0.7348, 0.7335395749600165, 0.73, 0.73)),
        Run(PartA, "002-a05-cnn3-v2", ConvFilters, "3.2.1.2.2 (sic) Neurons Combination 2: 64, 128, 256 (L989)", "CNN_3 v2: filters 64/128/256", Cnn3(64, 128, 256), Fit,
            new(11, 1.0744, 0.7411), Scored(1130, 1.1151, 0.7318, 0.7300428602646897, 0.73, 0.73)),
        Run(PartA, "002-a06-cnn3-v3", ConvFilters, "3.2.1.2.3 Neurons Combination 3: 128, 256, 512 (L1173)", "CNN_3 v3: filters 128/256/512", Cnn3(128, 256, 512), Fit,
            new(11, 1.1687, 0.7473), Scored(1283, 1.2324, 0.7389, 0.7394277856365191, 0.74, 0.74),
            "The text credits 'CNN 3v2' with 5 million parameters; that is this run (5,099,082 printed)."),
        Run(PartA, "002-a07-cnn4-v1", Dropouts, "3.2.2.1 CNN 4 v1: Adding Dropout Layer (L1334)", "CNN_4 v1: CNN_3 v1 with dropout 0.5 after every pool and the dense layer", Cnn4(0.5), Fit,
            new(41, 0.7055, 0.7645), Scored(1586, 0.9503, 0.6805, 0.683772790779732, 0.72, 0.68)),
        Cnn4Run("002-a08-cnn4-v2", "CNN_4 v2", "3.2.2.3.1 CNN 4 v2: Ascending Dropout Layer Combination - [0.2, 0.3, 0.4, 0.5] (L1667)", [0.2, 0.3, 0.4, 0.5],
            new(30, 0.6485, 0.7866), Scored(1853, 0.6781, 0.7856, 0.7858889558584797, 0.79, 0.79)),
        Cnn4Run("002-a09-cnn4-v3", "CNN_4 v3", "3.2.2.3.2 CNN 4 v3: Ascending Dropout Layer Combination - [0.3, 0.4, 0.5, 0.6] (L1891)", [0.3, 0.4, 0.5, 0.6],
            new(39, 0.6945, 0.7680), Scored(2111, 0.7381, 0.7586, 0.7563097086809136, 0.77, 0.76)),
        Cnn4Run("002-a10-cnn4-v4", "CNN_4 v4", "3.2.2.3.3 CNN 4 v4: Dropout Layer Combination - [0.2, 0.3, 0.4, 0.3] (L2149)", [0.2, 0.3, 0.4, 0.3],
            new(26, 0.6797, 0.7692), Scored(2316, 0.7059, 0.7656, 0.7626442117827071, 0.77, 0.77),
            RepeatOf("002-a08-cnn4-v2")),
        Cnn4Run("002-a11-cnn4-v5", "CNN_4 v5", "3.2.2.3.4 CNN 4 v5: Dropout Layer Combination - [0.3, 0.4, 0.5, 0.3] (L2356)", [0.3, 0.4, 0.5, 0.3],
            new(29, 0.6140, 0.7986), Scored(2585, 0.6395, 0.7912, 0.790620777578482, 0.79, 0.79),
            RepeatOf("002-a09-cnn4-v3")),
        Run(PartA, "002-a12-cnn5-v1", "Batch normalisation (CNN_5)", "3.2.3.1 Adding Batch Normalization layer (L2627)", "CNN_5 v1: batch normalisation after every layer, dense 64", Cnn7(64), Fit,
            new(25, 0.6154, 0.8021), Scored(2829, 0.6444, 0.7983, 0.7952089568619523, 0.81, 0.80),
            "CNN_5_v1 is written out layer by layer with the dropouts 0.3/0.4/0.5/0.3 that CNN 4 v5's heading intended (not the 0.3 ×4 it ran) and dense 64: build_CNN_7 with dense 64 (420,266 parameters printed)."),
        Run(PartA, "002-a13-cnn6-dense32", DenseUnits, "3.2.4.1.1 CNN 6 v1: Dense layer Value - 32 (L2923)", "CNN_6 v1: dense 32", Cnn7(32), Fit,
            new(16, 0.5916, 0.7975), Scored(3083, 0.6160, 0.7965, 0.7994981397584691, 0.81, 0.80)),
        Run(PartA, "002-a14-cnn6-dense64", DenseUnits, "3.2.4.1.2 Dense layer Value - 64 (L3128)", "CNN_6 v2: dense 64", Cnn7(64), Fit,
            new(28, 0.7273, 0.7691), Scored(3320, 0.7383, 0.7618, 0.7622597094878987, 0.79, 0.76),
            RepeatOf("002-a12-cnn5-v1")),
        Run(PartA, "002-a15-cnn6-dense128", DenseUnits, "3.2.4.1.3 Dense layer Value - 128 (L3360)", "CNN_6 v3: dense 128", Cnn7(128), Fit,
            new(28, 0.5063, 0.8329), Scored(3530, 0.5340, 0.8313, 0.8305555884405095, 0.83, 0.83)),
        Run(PartA, "002-a16-cnn6-dense256", DenseUnits, "3.2.4.1.3 (sic) Dense layer Value - 256 (L3568)", "CNN_6 v4: dense 256", Cnn7(256), Fit,
            new(35, 0.5375, 0.8286), Scored(3772, 0.5532, 0.8282, 0.8287833937717825, 0.84, 0.83)),
        Run(PartA, "002-a17-cnn6-dense512", DenseUnits, "3.2.4.1.4 Dense layer Value - 512 (L3809)", "CNN_6 v5: dense 512", Cnn7(512), Fit,
            new(32, 0.4974, 0.8391), Scored(3992, 0.5087, 0.8363, 0.8357599331433068, 0.84, 0.84),
            "The highest F1 of the sweep, yet the text goes on with dense 128 ('CNN 6 v3 F1-Score is 83%')."),
        Run(PartA, "002-a18-cnn7-relu-relu", Activations, "3.2.5.1.1 Relu for Conv2d , Relu for Dense (L4076)", "CNN_7 v1: relu convolutions, relu dense", Cnn7(128, Activation.Relu, Activation.Relu), Fit,
            new(22, 0.5311, 0.8216), Scored(4248, 0.5608, 0.8188, 0.8166377155527705, 0.82, 0.82),
            RepeatOf("002-a15-cnn6-dense128")),
        Run(PartA, "002-a19-cnn7-tanh-tanh", Activations, "3.2.5.1.2 Tanh for Conv2d , Tanh for Dense (L4288)", "CNN_7 v2: tanh convolutions, tanh dense", Cnn7(128, Activation.Tanh, Activation.Tanh), Fit,
            new(22, 0.9670, 0.6695), Scored(4438, 0.9790, 0.6689, 0.6586422145661863, 0.67, 0.67)),
        Run(PartA, "002-a20-cnn7-sigmoid-sigmoid", Activations, "3.2.5.1.3 Sigmoid for Conv2d , Sigmoid for Dense (L4479)", "CNN_7 v3: sigmoid convolutions, sigmoid dense", Cnn7(128, Activation.Sigmoid, Activation.Sigmoid), Fit,
            new(24, 0.8076, 0.7379), Scored(4661, 0.8193, 0.7321, 0.7278821093685516, 0.75, 0.73)),
        Run(PartA, "002-a21-cnn7-relu-tanh", Activations, "3.2.5.1.4 Relu for Conv2d , Tanh for Dense (L4699)", "CNN_7 v4: relu convolutions, tanh dense (= CNN_8)", Cnn8, Fit,
            new(28, 0.6030, 0.7987), Scored(4883, 0.5622, 0.8194, 0.8181551904943317, 0.82, 0.82),
            "The text chooses 'CNN 7 v3' by 'a slightly higher model performance of 0.002', but v3 is sigmoid/sigmoid (0.7279); the margin and build_CNN_8 (relu convolutions, tanh dense) show the choice was this run."),
        OptimizerRun("002-a22-optimizer-sgd", "SGD", 4986, 0.766, new(36, 0.6504, 0.7728)),
        OptimizerRun("002-a23-optimizer-rmsprop", "RMSprop", 5099, 0.793, new(13, 0.6208, 0.7917)),
        OptimizerRun("002-a24-optimizer-adagrad", "Adagrad", 5143, 0.308, new(8, 1.9928, 0.3189)),
        OptimizerRun("002-a25-optimizer-adadelta", "Adadelta", 5168, 0.249, new(101, 2.0147, 0.2888),
            "The optimizer list shown spells it 'Adadelata', which Keras would reject as unknown; the printed results_dict has 'Adadelta', so the code that ran had the right name."),
        OptimizerRun("002-a26-optimizer-adam", "Adam", 5484, 0.832, new(42, 0.5058, 0.8406), RepeatOf("002-a21-cnn7-relu-tanh")),
        OptimizerRun("002-a27-optimizer-adamax", "Adamax", 5613, 0.828, new(49, 0.5418, 0.8303)),
        OptimizerRun("002-a28-optimizer-nadam", "Nadam", 5768, 0.825, new(24, 0.5128, 0.8301)),
        Run(PartA, "002-a29-cnn8-v1-adam", OptimizerSweep, "3.3 'Now I will be using the Adam Optimizer to compile the built model' (L5859)", "CNN_8 v1: optimizer='Adam', batch 64", Cnn8, Fit,
            new(30, 0.4875, 0.8377), Scored(6030, 0.5231, 0.8354, 0.8333226412165653, 0.84, 0.84),
            RepeatOf("002-a21-cnn7-relu-tanh")),
        LearningRateRun("002-a30-lr-0.1", 0.1, "3.3.2.1 Learning Rate=0.1 (L6073)",
            new(22, 1.1251, 0.6822), Scored(6183, 1.1557, 0.6767, 0.6684897418173119, 0.73, 0.68),
            "The text says it will increase the rate next; the next run lowers it to 0.01."),
        LearningRateRun("002-a31-lr-0.01", 0.01, "3.3.2.2 Learning Rate=0.01 (L6225)",
            new(25, 0.6326, 0.7918), Scored(6352, 0.6515, 0.7882, 0.7904081714872032, 0.81, 0.79),
            "The text says the rate was 'increased to 0.01'; it went down from 0.1."),
        LearningRateRun("002-a32-lr-0.001", 0.001, "3.3.2.3 Learning Rate=0.001 (L6390)",
            new(31, 0.5226, 0.8298), Scored(6524, 0.5384, 0.8270, 0.8254859540046618, 0.83, 0.83),
            RepeatOf("002-a21-cnn7-relu-tanh") + " Adam(lr=0.001) is Keras's default Adam."),
        LearningRateRun("002-a33-lr-0.0001", 0.0001, "3.3.2.4 Learning Rate=0.0001 (L6563)",
            new(51, 0.5446, 0.8165), Scored(6795, 0.5648, 0.8114, 0.8100927103686075, 0.81, 0.81)),
        LearningRateRun("002-a34-lr-0.0002", 0.0002, "3.3.2.5 Learning Rate=0.0002 (L6836)",
            new(45, 0.6010, 0.8053), Scored(7044, 0.6294, 0.8012, 0.7984919900421775, 0.81, 0.80)),
        LearningRateRun("002-a35-lr-0.0003", 0.0003, "3.3.2.6 Learning Rate=0.0003 (L7081)",
            new(33, 0.5109, 0.8280), Scored(7246, 0.5359, 0.8234, 0.8222587933595203, 0.82, 0.82)),
        LearningRateRun("002-a36-lr-0.0004", 0.0004, "3.3.2.7 Learning Rate=0.0004 (L7283)",
            new(26, 0.5586, 0.8145), Scored(7416, 0.5755, 0.8131, 0.8112449783515515, 0.82, 0.81),
            "Chosen for the later sections ('best balance'), although 0.001 and 0.0003 scored higher."),
        LearningRateRun("002-a37-lr-0.0005", 0.0005, "3.3.2.8 Learning Rate=0.0005 (L7452)",
            new(26, 0.5302, 0.8276), Scored(7579, 0.5501, 0.8146, 0.8142266023523238, 0.82, 0.81)),
        BatchSizeRun("002-a38-batch-16", 16, "3.3.3.1 Batch Size=16 (L7622)",
            new(28, 0.4871, 0.8363), Scored(7760, 0.5013, 0.8350, 0.8328463791656908, 0.84, 0.83)),
        BatchSizeRun("002-a39-batch-32", 32, "3.3.3.2 Batch Size=32 (L7799)",
            new(41, 0.5051, 0.8341), Scored(7975, 0.5133, 0.8351, 0.8345594456176757, 0.84, 0.84),
            "The text's 'best model performance of 83.5%' is the accuracy (0.8351); the F1 is 0.8346."),
        BatchSizeRun("002-a40-batch-64", 64, "3.3.3.3 Batch Size=64 (L8013)",
            new(36, 0.5165, 0.8318), Scored(8184, 0.5427, 0.8215, 0.8202548959781236, 0.82, 0.82),
            RepeatOf("002-a36-lr-0.0004")),
        BatchSizeRun("002-a41-batch-128", 128, "3.3.3.4 Batch Size=128 (L8221)",
            new(24, 0.6518, 0.7791), Scored(8350, 0.6602, 0.7804, 0.7774112270954031, 0.79, 0.78)),
        LossRun("002-a42-loss-scce", SparseCrossEntropy, 8412, 0.814, new(41, 0.5646, 0.8228), RepeatOf("002-a41-batch-128")),
        LossRun("002-a43-loss-msle", "mean_squared_logarithmic_error", 8542, 0.035, new(12, 2.4880, 0.1014)),
        LossRun("002-a44-loss-mse", "mean_squared_error", 8578, 0.075, new(12, 27.6884, 0.1199)),
        LossRun("002-a45-loss-hinge", "hinge", 8617, 0.035, new(14, 0.5541, 0.0698)),
        LossRun("002-a46-loss-kld", "kullback_leibler_divergence", 8660, 0.073, new(19, 20.7275, 0.1046)),
        Run(PartA, "002-a47-cnn8-v4-tuned", "Best combination (3.3.5)", "3.3.5 best combination of hyperparameters: CNN_8_v4 (L8745)", "CNN_8 v4: Adam(lr=0.0004), batch 32", Cnn8, Tuned with { BatchSize = 32 },
            new(28, 0.5100, 0.8304), Scored(8897, 0.5291, 0.8264, 0.8245499349288821, 0.83, 0.83),
            RepeatOf("002-a39-batch-32")),
        Run(PartA, "002-a48-cnn9-no-aug", Augmentation, "3.4 Tuning Images with Data Augmentation: CNN_9_v1_no_aug (L9017)", "CNN_9 v1 without augmentation: Adam(lr=0.0004), batch 128", Cnn8, Tuned with { BatchSize = 128 },
            new(33, 0.5701, 0.8088), Scored(9166, 0.5794, 0.8109, 0.8103610834021039, 0.82, 0.81),
            "build_CNN_9() is CNN_8 compiled inside with Adam(lr=0.0004) and sparse_categorical_crossentropy.",
            "fit() used batch_size=128, not the tuned 32 (313 steps an epoch).",
            "Two evaluate() outputs: L9133-9134 right after fit (loss 0.6011, accuracy 0.8050) and L9166 in the cell with the classification report and F1 (0.5794, 0.8109). " +
            "They cannot come from the same weights, so cells were re-run out of order; Repro takes the second, which goes with the printed F1 and report.",
            RepeatOf("002-a41-batch-128")),
        Run(PartA, "002-a49-cnn9-with-aug", Augmentation, "3.4 Tuning Images with Data Augmentation: CNN_9_v1_with_aug (L9236)", "CNN_9 v1 'with augmentation' (none applied): 50 epochs, batch 32", Cnn8, FixedEpochs(50),
            new(50, 0.5633, 0.8163), Scored(9497, 0.5775, 0.8151, 0.8137635956327902, 0.82, 0.82),
            NoAugmentationNote, "fit(epochs=50, batch_size=32) without callbacks: 50 fixed epochs, no early stopping."),
        Run(PartB, "002-b50-colour-base", Colour, "Part B, 3. Part A: Building Model (L9740) and Part B: Model Evaluation (L9949)", "CNN_9 layers on colour CIFAR-10 (unscaled, wrong reshape): 50 epochs, batch 32", Cnn8, FixedEpochs(50),
            new(50, 0.8026, 0.7264), Scored(9977, 0.8741, 0.7078, 0.706955065217025, 0.71, 0.71),
            "The CNN_9 layers with input_shape=(32, 32, 3), compiled with Adam(lr=0.0004); fit(epochs=50, batch_size=32) without callbacks."),
        Run(PartB, "002-b51-colour-final", Colour, "Part B, 3. Part D: Tuning with Data Augmentation (L10021)", "Colour model 'with augmentation' (none applied): 60 epochs, batch 32", Cnn8, FixedEpochs(60),
            new(60, 0.7983, 0.7297), Scored(10268, 0.8283, 0.7210, 0.7166387065975547, 0.72, 0.72),
            NoAugmentationNote,
            "The code re-compiles the already trained model with a new Adam(lr=0.0004) and fits it 60 more epochs, which would continue from trained weights; " +
            "but epoch 1 of its log (loss 2.0763, accuracy 0.2904) is an untrained model's, so the model cell was evidently re-run first: Repro trains a fresh model for 60 epochs.",
            "The conclusion says 'F1-Score is 73%'; f1_score printed 0.7166."),
    ]);

    /// <summary>Every run printed its fit() log, in the order of <see cref="Runs"/>: run k owns the report's k-th log.</summary>
    private static IReadOnlyList<Experiment> WithPrintedCourses(IReadOnlyList<Experiment> runs) =>
        runs.Count == PrintedCourses.Report002.Count
            ? runs.Select((run, i) => run with { PrintedCourse = PrintedCourses.Report002[i] }).ToList()
            : throw new InvalidOperationException($"Report 002 defines {runs.Count} runs but printed {PrintedCourses.Report002.Count} fit logs; each run owns one log.");

    /// <summary>
    /// The report trained eight configurations more than once (same code, no seeds; see <see cref="RepeatOf"/>): CNN_4 with dropout 0.2
    /// (runs 8, 10) and 0.3 (9, 11), CNN_6 with dense 64 (12, 14) and dense 128 relu (15, 18), CNN_8 with default Adam batch 64
    /// (21, 26, 29, 32), Adam 0.0004 batch 64 (36, 40), batch 32 (39, 47) and batch 128 (41, 42, 48). Each metric's spread is the
    /// deviation pooled within those configurations, so that the configurations' differences do not count as noise.
    /// </summary>
    /// <remarks>
    /// Runs 26 and 42 printed only a 3-decimal F1 and a fit log, so the test scores rest on 17 runs and the F1 and the fit-log
    /// numbers on 19. The repeats are Part A's, on the course's greyscale data; they stand for Part B's colour runs too, the only
    /// runs judged (Part A's data is a substitute here). Part B trains a fixed number of epochs, so epochs_ran's spread (from
    /// early stopping) never moves a verdict there.
    /// </remarks>
    private static Dictionary<string, ReportedSpread> RepeatSpreads()
    {
        const string repeats = "pooled within the 8 configurations the report trained more than once (runs 8/10, 9/11, 12/14, 15/18, 21/26/29/32, 36/40, 39/47, 41/42/48)";
        ReportedSpread Pooled(double deviation, int runs) => new(deviation, runs, $"{repeats}: {runs} runs") { Configurations = 8 };
        return new Dictionary<string, ReportedSpread>
        {
            [MetricNames.TestAccuracy] = Pooled(0.0154272, 17),
            [MetricNames.TestLoss] = Pooled(0.0404401, 17),
            [MetricNames.TestMacroF1] = Pooled(0.0152165, 19),
            [MetricNames.TestMacroPrecision] = Pooled(0.0122474, 17),
            [MetricNames.TestMacroRecall] = Pooled(0.0158114, 17),
            [MetricNames.FinalValidationAccuracy] = Pooled(0.0178074, 19),
            [MetricNames.FinalValidationLoss] = Pooled(0.0464547, 19),
            [MetricNames.EpochsRan] = Pooled(6.59488, 19),
        };
    }

    public static ReportDefinition Definition { get; } = new()
    {
        Report = "002",
        File = File,
        Title = "CNN tuning report: Part A greyscale 32×32, Part B CIFAR-10",
        Experiments = Runs,
        Architectures = Architectures,
        Spread = RepeatSpreads(),
    };
}
