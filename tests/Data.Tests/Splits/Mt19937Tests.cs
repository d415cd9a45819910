using Repro.Reproduction.Splits;

namespace Repro.Data.Tests.Splits;

public sealed class Mt19937Tests
{
    private static IEnumerable<TestCaseData> Seeds() =>
        GoldenVectors.Section("random_state").Select(c => new TestCaseData(GoldenVectors.ValueOf(c, "seed")!.Value));

    [TestCaseSource(nameof(Seeds))]
    public void Seeding_leaves_the_state_numpy_get_state_reports(long seed)
    {
        var golden = GoldenVectors.Find("random_state", ("seed", seed));
        var mt = new Mt19937((uint)seed);
        var key = mt.Key.ToArray();
        var expectedHead = golden.GetProperty("key_head").EnumerateArray().Select(v => v.GetUInt32()).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(key, Has.Length.EqualTo(Mt19937.StateLength));
            Assert.That(key.Take(expectedHead.Length), Is.EqualTo(expectedHead));
            Assert.That(HashOf(key), Is.EqualTo(golden.GetProperty("key_sha256").GetString()));
            Assert.That(mt.Position, Is.EqualTo(golden.GetProperty("pos").GetInt32()));
        });
    }

    [TestCaseSource(nameof(Seeds))]
    public void Raw_draws_match_numpy_full_range_uint32_randint(long seed)
    {
        var golden = GoldenVectors.Find("random_state", ("seed", seed));
        var expected = golden.GetProperty("uint32_head").EnumerateArray().Select(v => v.GetUInt32()).ToArray();
        var mt = new Mt19937((uint)seed);

        var actual = expected.Select(_ => mt.NextUInt32()).ToArray();

        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void Matches_the_reference_mt19937_outputs_for_the_default_seed()
    {
        // Matsumoto and Nishimura's init_genrand(5489) stream, independent of NumPy:
        // the first output, and the 10000th that C++ requires of std::mt19937.
        var mt = new Mt19937(5489);
        var first = mt.NextUInt32();
        uint last = first;
        for (var i = 1; i < 10000; i++)
        {
            last = mt.NextUInt32();
        }

        Assert.That((first, last), Is.EqualTo((3499211612u, 4123659995u)));
    }

    private static string HashOf(uint[] words) => GoldenArray.HashOf(words.Select(w => unchecked((int)w)).ToArray());
}
