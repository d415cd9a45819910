using Repro.Reproduction.Training;

namespace Repro.Reproduction.Tests;

public class SeedStreamsTests
{
    [Test]
    public void Each_purpose_gets_its_own_stable_seed()
    {
        var seeds = new SeedStreams(42);
        Assert.That(new[] { seeds.Initialisation, seeds.Shuffling, seeds.Dropout }, Is.Unique);
        Assert.That(new SeedStreams(42).Shuffling, Is.EqualTo(seeds.Shuffling));
        Assert.That(new SeedStreams(43).Shuffling, Is.Not.EqualTo(seeds.Shuffling));
    }
}
