using Repro.Experiments;
using Repro.Experiments.Definitions;
using Repro.Reproduction.Runs;

namespace Repro.Reproduction.Tests;

/// <summary>The definition hash a baseline records: it follows what decides the numbers, and nothing else.</summary>
public class CanonicalDefinitionTests
{
    private static readonly Experiment LeNet = Report003.LeNet5HoldOut;

    [Test]
    public void Prose_id_version_and_test_budget_do_not_change_the_hash()
    {
        var reworded = LeNet with { Id = "other", Version = 7, Title = "t", Notes = [], Reported = [], PrintedCourse = null, Group = "g", SeedNote = "s", InCpuTestBudget = !LeNet.InCpuTestBudget };
        Assert.That(CanonicalDefinition.Hash(reworded), Is.EqualTo(CanonicalDefinition.Hash(LeNet)));
    }

    [TestCaseSource(nameof(Changes))]
    public void Every_result_deciding_change_changes_the_hash(Experiment changed) =>
        Assert.That(CanonicalDefinition.Hash(changed), Is.Not.EqualTo(CanonicalDefinition.Hash(LeNet)));

    private static IEnumerable<TestCaseData> Changes()
    {
        yield return new TestCaseData(LeNet with { Training = LeNet.Training with { BatchSize = 64 } }).SetName("batch size");
        yield return new TestCaseData(LeNet with { Training = LeNet.Training with { Optimizer = LeNet.Training.Optimizer with { LearningRate = 2e-3 } } }).SetName("learning rate");
        yield return new TestCaseData(LeNet with { Model = Report003.LeNet5Dropout }).SetName("model");
        yield return new TestCaseData(LeNet with { Seed = 1 }).SetName("seed");
        yield return new TestCaseData(LeNet with { Data = LeNet.Data with { PixelScale = 1 } }).SetName("pixel scale");
        yield return new TestCaseData(LeNet with { Protocol = new CrossValidation(5, false, null, FoldScoring.TestSet) }).SetName("protocol");
        yield return new TestCaseData(LeNet with { Training = LeNet.Training with { Keras = KerasGeneration.Keras3 } }).SetName("Keras generation");
    }

    [Test]
    public void A_property_at_its_canonical_default_is_left_out_so_older_definitions_keep_their_hashes()
    {
        var training = CanonicalDefinition.Of(LeNet)["training"]!.AsObject();
        var keras3 = CanonicalDefinition.Of(LeNet with { Training = LeNet.Training with { Keras = KerasGeneration.Keras3 } })["training"]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(training.ContainsKey(nameof(TrainingSpec.Keras)), Is.False);
            Assert.That(keras3[nameof(TrainingSpec.Keras)]!.GetValue<string>(), Is.EqualTo("Keras3"));
            Assert.That(training.ContainsKey(nameof(TrainingSpec.EvaluationBatchSize)), Is.True, "only marked properties are left out");
        });
    }

    [Test]
    public void Layers_with_equal_numbers_but_different_kinds_hash_apart()
    {
        var dropout = LeNet with { Model = [.. LeNet.Model.Take(7), new Dropout(10)] };
        var dense = LeNet with { Model = [.. LeNet.Model.Take(7), new Dense(10, Activation.Linear)] };
        Assert.That(CanonicalDefinition.Hash(dropout), Is.Not.EqualTo(CanonicalDefinition.Hash(dense)));
    }
}
