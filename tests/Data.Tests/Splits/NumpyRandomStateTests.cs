using Repro.Reproduction.Splits;

namespace Repro.Data.Tests.Splits;

public sealed class NumpyRandomStateTests
{
    private static IEnumerable<TestCaseData> Seeds() =>
        GoldenVectors.Section("random_state").Select(c => new TestCaseData(GoldenVectors.ValueOf(c, "seed")!.Value));

    private static IEnumerable<TestCaseData> Permutations() =>
        GoldenVectors.Section("permutation").Select(c => new TestCaseData(
            (int)GoldenVectors.ValueOf(c, "n")!.Value, GoldenVectors.ValueOf(c, "seed")!.Value));

    [TestCaseSource(nameof(Seeds))]
    public void Random_sample_matches_numpy_bit_for_bit(long seed)
    {
        var golden = GoldenVectors.Find("random_state", ("seed", seed));
        var expected = golden.GetProperty("random_sample_bits").EnumerateArray()
            .Select(v => Convert.ToUInt64(v.GetString(), 16)).ToArray();

        var actual = new NumpyRandomState((uint)seed).RandomSample(expected.Length).Select(BitConverter.DoubleToUInt64Bits);

        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void Random_sample_of_seed_42_starts_with_the_well_known_value()
    {
        // np.random.RandomState(42).random_sample() == 0.3745401188473625
        Assert.That(new NumpyRandomState(42).RandomSample(), Is.EqualTo(0.3745401188473625));
    }

    [TestCaseSource(nameof(Permutations))]
    public void Permutation_matches_numpy(int n, long seed)
    {
        var golden = GoldenVectors.Find("permutation", ("n", n), ("seed", seed));

        var permutation = new NumpyRandomState((uint)seed).Permutation(n);

        GoldenArray.From(golden.GetProperty("permutation")).AssertMatches(permutation, $"permutation({n}), seed {seed}");
    }

    [Test]
    public void Shuffling_any_element_type_moves_elements_as_the_permutation_does()
    {
        var permutation = new NumpyRandomState(7).Permutation(50);
        var names = Enumerable.Range(0, 50).Select(i => $"row{i}").ToArray();

        new NumpyRandomState(7).Shuffle(names);

        Assert.That(names, Is.EqualTo(permutation.Select(i => $"row{i}")));
    }

    [Test]
    public void Shuffling_zero_or_one_element_draws_nothing()
    {
        var rng = new NumpyRandomState(3);
        rng.Shuffle(Array.Empty<int>());
        rng.Shuffle(new[] { 9 });

        Assert.That(rng.NextUInt32(), Is.EqualTo(new NumpyRandomState(3).NextUInt32()));
    }

    [Test]
    public void Random_interval_stays_within_its_bound_and_reaches_both_ends()
    {
        var rng = new NumpyRandomState(11);
        var values = Enumerable.Range(0, 2000).Select(_ => rng.RandomInterval(5)).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(values, Is.All.InRange(0u, 5u));
            Assert.That(values.Distinct().Order(), Is.EqualTo(new uint[] { 0, 1, 2, 3, 4, 5 }));
            Assert.That(rng.RandomInterval(0), Is.Zero);
        });
    }

    [Test]
    public void A_negative_permutation_length_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NumpyRandomState(0).Permutation(-1));
    }
}
