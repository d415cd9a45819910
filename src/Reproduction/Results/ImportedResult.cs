using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Repro.Experiments;
using Repro.Reproduction.Engine;
using Repro.Reproduction.Inputs;
using Repro.Reproduction.Runs;

namespace Repro.Reproduction.Results;

/// <summary>
/// A result.json made on another machine that this Repro would have written itself: it is read as the gate reads it; it
/// lies in the folder of its device class (the class its engine fingerprint names), profile and experiment; its
/// experiment is one this Repro defines, at the version and definition hash it records; its seeds are those `repro run`
/// gives; every run's key is the one this Repro computes from the definition, profile, seed, fold, the data the result
/// records and its engine, as a batch plans it (<see cref="ExperimentRunner.PlanRuns"/>); its runs' numbers pass the run
/// cache's checks, its metrics are those its runs give, and every run agrees with the run record of its key, in the
/// machine's run cache and in this one.
/// </summary>
/// <param name="Path">The result file checked.</param>
public sealed record ImportedResult(string Path, string DeviceClass, string Profile, string ExperimentId, EngineFingerprint Engine)
{
    /// <summary>Checks <paramref name="path"/>, results/&lt;class&gt;/&lt;profile&gt;/&lt;id&gt;/result.json under <paramref name="resultsFolder"/>.</summary>
    /// <param name="theirs">The run records that came with it.</param>
    /// <param name="ours">This repository's run cache.</param>
    /// <returns>The result, or what is wrong with it (each problem says what differs), never both.</returns>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TrimmingRoots.Json)]
    public static (ImportedResult? Result, IReadOnlyList<string> Problems) Check(string resultsFolder, string path, RunCache theirs, RunCache ours)
    {
        var folders = System.IO.Path.GetRelativePath(resultsFolder, path).Split(System.IO.Path.DirectorySeparatorChar);
        var (deviceClass, profileName, id) = (folders[0], folders[1], folders[2]);
        ResultFile result;
        List<RunRecord> records;
        JsonObject metrics;
        try
        {
            result = ResultFile.Read(path, id);
            var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            records = json["runs"]!.Deserialize<List<RunRecord>>(RunRecord.Json)!;
            metrics = json["metrics"]?.AsObject() ?? throw new FormatException("\"metrics\" is missing");
        }
        catch (ResultFileException e)
        {
            return (null, [e.Message]);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NullReferenceException)
        {
            return (null, [$"its runs or metrics are not those of a result file ({e.Message})"]);
        }

        var problems = new List<string>();
        if (result.Engine is not { } engine)
            return (null, ["its engine fingerprint (manifest.engine) is missing or does not match its id: the file was edited or damaged"]);
        if (!ComputeDevice.IsClass(deviceClass))
            return (null, [$"it lies in '{deviceClass}', which is not a device class (cpu, cuda-sm<major><minor>): an older Repro made it; run it again"]);
        if (engine.DeviceClass != deviceClass)
            problems.Add($"it lies in the folder of device class '{deviceClass}', but its engine ran on '{engine.Device}', of class '{engine.DeviceClass}'");
        if (result.Device != engine.Device) problems.Add($"its device '{result.Device}' is not its engine's, '{engine.Device}'");
        if (result.Profile != profileName) problems.Add($"it lies in the folder of profile '{profileName}', but it is a {result.Profile} result");
        if (result.ExperimentId != id) problems.Add($"it lies in the folder of experiment '{id}', but it is a result of '{result.ExperimentId}'");
        RunProfile profile;
        Experiment experiment;
        try
        {
            profile = RunProfiles.Parse(result.Profile);
        }
        catch (ArgumentException e)
        {
            return (null, [.. problems, e.Message]);
        }

        try
        {
            experiment = ExperimentRegistry.Find(result.ExperimentId);
        }
        catch (UnknownExperimentException e)
        {
            return (null, [.. problems, $"{e.Message} It was made by another version of Repro"]);
        }

        problems.AddRange(DefinitionProblems(result, experiment));
        if (problems.Count == 0) problems.AddRange(RunProblems(result, experiment, profile, engine, records, metrics, theirs, ours));
        return problems.Count == 0 ? (new ImportedResult(path, deviceClass, profileName, id, engine), []) : (null, problems);
    }

    private static IEnumerable<string> DefinitionProblems(ResultFile result, Experiment experiment)
    {
        var hash = CanonicalDefinition.Hash(experiment);
        if (result.MadeFrom(experiment.Version, hash)) yield break;
        yield return result.Version != experiment.Version
            ? $"it was made from {experiment.Id} v{result.Version} (definition {result.DefinitionHash}), but this Repro defines v{experiment.Version} (definition {hash}): "
              + "the experiment changed since; run it again with this Repro"
            : $"it records definition hash {result.DefinitionHash}, but {experiment.Id} v{experiment.Version} hashes to {hash} here: the definition changed without a new version, or the file was edited";
    }

    private static IEnumerable<string> RunProblems(ResultFile result, Experiment experiment, RunProfile profile, EngineFingerprint engine, List<RunRecord> records,
        JsonObject metrics, RunCache theirs, RunCache ours)
    {
        var seeds = result.Seeds.Select(s => s.Seed).ToList();
        var expectedSeeds = ExperimentRunner.SeedList(seeds[0], seeds.Count);
        if (!seeds.SequenceEqual(expectedSeeds))
        {
            yield return $"its seeds {string.Join(", ", seeds)} are not the seeds `repro run --seed {seeds[0]} --seeds {seeds.Count}` runs ({string.Join(", ", expectedSeeds)})";
            yield break;
        }

        var planned = ExperimentRunner.PlanRuns(experiment, profile, seeds, RecordedData(result, experiment), engine.Id);
        var expected = planned.SelectMany(s => s.Runs).ToList();
        if (records.Count != expected.Count)
        {
            yield return $"it holds {records.Count} run(s), but {seeds.Count} seed(s) of {experiment.Id} are {expected.Count} training(s)";
            yield break;
        }

        var keyProblems = expected.Zip(records).Where(p => p.First.Key != p.Second.Key || p.First.Seed != p.Second.Seed || p.First.Fold != p.Second.Fold || p.First.RunSeed != p.Second.RunSeed)
            .Select(p => $"{p.First.Describe}: its run is keyed {p.Second.Key} (seed {p.Second.Seed}{Fold(p.Second.Fold)}), but this Repro keys it {p.First.Key} from the definition, profile, "
                         + $"seed, fold, the data the result records and its engine {engine.Id}")
            .ToList();
        foreach (var problem in keyProblems) yield return problem;
        if (keyProblems.Count > 0) yield break;

        foreach (var (run, record) in expected.Zip(records))
        {
            if (RunRecordCheck.Problems(record) is { Count: > 0 } unusable) yield return $"{run.Describe}: {string.Join("; ", unusable)}";
            foreach (var (cache, where) in new[] { (theirs, "that came with it"), (ours, "here") })
            {
                if (cache.Find(record.Key, out var rejection) is { } held && RunRecordMerge.Differences(held, record) is { Count: > 0 } differences)
                    yield return $"{run.Describe}: its numbers and those of the run record {where}, {cache.PathOf(record.Key)}, differ in {string.Join(", ", differences)}";
                else if (cache == theirs && rejection is not null) yield return $"{run.Describe}: the run record that came with it is unusable ({rejection})";
            }
        }

        var index = 0;
        foreach (var (seed, runs) in planned)
        {
            var recorded = result.Seeds.Single(s => s.Seed == seed).MetricValues;
            var computed = SeedMetricValues.Of(experiment, records.Skip(index).Take(runs.Count).ToList());
            index += runs.Count;
            foreach (var difference in Differences(recorded, computed, "its runs give")) yield return $"seed {seed}'s {difference}";
        }

        var first = metrics.Where(m => m.Value is JsonValue).ToDictionary(m => m.Key, m => m.Value!.GetValue<double>(), StringComparer.Ordinal);
        foreach (var difference in Differences(first, result.FirstSeed, $"its first seed, {seeds[0]}, has")) yield return $"the top-level metric {difference}";
    }

    /// <summary>The data fingerprint of the data the result says it trained on: its origin, its dataset files and the experiment's weight files among them.</summary>
    private static string RecordedData(ResultFile result, Experiment experiment)
    {
        var files = result.Provenance.DataFiles;
        var weights = experiment.Weights.Select(w => w.FileName).ToHashSet(StringComparer.Ordinal);
        return TrainingRun.DataFingerprint(result.FixtureData ? DataOrigin.Fixture : DataOrigin.Real,
            files.Where(f => !weights.Contains(f.Key)).Select(f => (f.Key, f.Value)),
            experiment.Weights.Where(w => files.ContainsKey(w.FileName)).Select(w => files[w.FileName]));
    }

    /// <summary>"name is A in the file, but <paramref name="other"/> B" for every metric whose values differ or that one side lacks.</summary>
    private static IEnumerable<string> Differences(IReadOnlyDictionary<string, double> recorded, IReadOnlyDictionary<string, double> expected, string other) =>
        recorded.Keys.Union(expected.Keys).Order(StringComparer.Ordinal)
            .Where(name => !recorded.TryGetValue(name, out var a) || !expected.TryGetValue(name, out var b) || !a.Equals(b))
            .Select(name => $"{name} is {Text(recorded, name)} in the file, but {other} {Text(expected, name)}");

    private static string Text(IReadOnlyDictionary<string, double> metrics, string name) =>
        metrics.TryGetValue(name, out var value) ? value.ToString("R", CultureInfo.InvariantCulture) : "missing";

    private static string Fold(int? fold) => fold is { } k ? $", fold {k + 1}" : "";
}
