using System.Text.Json.Nodes;
using Repro.Experiments;

namespace Repro.Reproduction.Tests;

/// <summary>
/// The comparison of a sharded run's results with an unsharded run's (<see cref="ResultNumbers"/>): timing and start time
/// may differ, nothing else may, down to one unit in the last place of a number, and each difference is named by its path.
/// </summary>
public class ResultNumbersTests
{
    private string folder = null!;
    private string path = null!;

    [SetUp]
    public void WriteResult()
    {
        folder = Path.Combine(Path.GetTempPath(), "repro-result-numbers-tests", Guid.NewGuid().ToString("N"));
        ResultFixture.Write(folder, ExperimentRegistry.Find("001-cnn-cv-digits-subset"), seed: 7);
        path = RepositoryPaths.ResultJson(folder, "cpu", "full", "001-cnn-cv-digits-subset");
    }

    [TearDown]
    public void RemoveFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public void Another_duration_and_start_time_are_the_same_numbers()
    {
        var expected = ResultNumbers.OfResult(path);
        Edit(result =>
        {
            result["manifest"]!["started_utc"] = "2027-06-30T12:00:00Z";
            result["manifest"]!["training_seconds"] = 99.9;
            result["runs"]![0]!["seconds"] = 3.25;
            result["runs"]![4]!["history"]![1]!["seconds"] = 0.5;
        });

        Assert.That(ResultNumbers.Differences(expected, ResultNumbers.OfResult(path)), Is.Empty);
    }

    [Test]
    public void A_number_one_unit_in_the_last_place_apart_is_named_with_both_values()
    {
        var expected = ResultNumbers.OfResult(path);
        var loss = expected["runs"]![2]!["history"]![3]!["loss"]!.GetValue<double>();
        var moved = Math.BitIncrement(loss);
        Edit(result => result["runs"]![2]!["history"]![3]!["loss"] = moved);

        Assert.That(ResultNumbers.Differences(expected, ResultNumbers.OfResult(path)),
            Is.EqualTo(new[] { $"$.runs[2].history[3].loss: {JsonValue.Create(loss).ToJsonString()} ≠ {JsonValue.Create(moved).ToJsonString()}" }));
    }

    [Test]
    public void Another_key_a_missing_field_and_a_missing_run_are_named()
    {
        Edit(result =>
        {
            foreach (var (run, i) in result["runs"]!.AsArray().Select((run, i) => (run!, i))) run["key"] = $"key-{i}";
        });
        var expected = ResultNumbers.OfResult(path);
        var runs = expected["runs"]!.AsArray().Count;
        Edit(result =>
        {
            result["runs"]![0]!["key"] = "another";
            result["manifest"]!.AsObject().Remove("git_dirty");
        });
        var edited = ResultNumbers.OfResult(path);
        Edit(result => result["runs"]!.AsArray().RemoveAt(1));

        Assert.Multiple(() =>
        {
            Assert.That(ResultNumbers.Differences(expected, edited),
                Is.EqualTo(new[] { "$.manifest.git_dirty: missing from the second", "$.runs[0].key: \"key-0\" ≠ \"another\"" }));
            Assert.That(ResultNumbers.Differences(expected, ResultNumbers.OfResult(path)), Does.Contain($"$.runs: {runs} item(s) ≠ {runs - 1}"));
        });
    }

    private void Edit(Action<JsonObject> edit)
    {
        var result = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(result);
        File.WriteAllText(path, result.ToJsonString());
    }
}
