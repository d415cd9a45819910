using Repro.Reproduction.Runs;

namespace Repro.Reproduction.Tests;

public class ClassificationScoresTests
{
    /// <summary>
    /// labels [0,0,1,1,2,2], predictions [0,1,1,1,0,2]: per-class precision 1/2, 2/3, 1; recall
    /// 1/2, 1, 1/2; F1 1/2, 4/5, 2/3 (what sklearn's precision_recall_fscore_support gives).
    /// </summary>
    [Test]
    public void Macro_averages_match_the_per_class_definitions()
    {
        var m = ClassificationScores.From([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 0, 2], 3);
        Assert.That(m.Accuracy, Is.EqualTo(4.0 / 6).Within(1e-12));
        Assert.That(m.MacroPrecision, Is.EqualTo((0.5 + 2.0 / 3 + 1) / 3).Within(1e-12));
        Assert.That(m.MacroRecall, Is.EqualTo((0.5 + 1 + 0.5) / 3).Within(1e-12));
        Assert.That(m.MacroF1, Is.EqualTo((0.5 + 0.8 + 2.0 / 3) / 3).Within(1e-12));
        Assert.That(m.Confusion, Is.EqualTo(new[] { new long[] { 1, 1, 0 }, [0, 2, 0], [1, 0, 1] }));
    }

    [Test]
    public void A_class_never_predicted_counts_as_zero_precision()
    {
        var m = ClassificationScores.From([0, 1], [0, 0], 2);
        Assert.That(m.MacroPrecision, Is.EqualTo((0.5 + 0) / 2).Within(1e-12));
        Assert.That(m.MacroF1, Is.EqualTo((2 * 0.5 * 1 / 1.5 + 0) / 2).Within(1e-12));
    }
}
