namespace Repro.Torch.Tests.Parity;

/// <summary>Every committed fixture is replayed by some parity test: its kind must be one the tests read.</summary>
public class FixtureCoverageTests
{
    private static readonly string[] TestedKinds =
        ["conv2d", "max_pool2d", "linear", "batch_norm2d", "batch_norm1d", "activation", "dropout", "loss", "optimizer"];

    [Test]
    public void Every_fixture_has_a_parity_test()
    {
        var fixtures = Fixture.All().ToList();
        Assert.That(fixtures, Has.Count.GreaterThanOrEqualTo(48), $"fixtures missing from {Fixture.Folder}; run generate_fixtures.py");
        Assert.That(fixtures.Where(f => !TestedKinds.Contains(f.Kind)).Select(f => $"{f.Name} ({f.Kind})"), Is.Empty);
    }

    [Test]
    public void Every_tested_kind_has_fixtures()
    {
        var kinds = Fixture.All().Select(f => f.Kind).ToHashSet();
        Assert.That(TestedKinds.Where(k => !kinds.Contains(k)), Is.Empty);
    }
}
