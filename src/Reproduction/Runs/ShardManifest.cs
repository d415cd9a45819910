using System.Text.Json;
using System.Text.Json.Nodes;
using Repro.Reproduction.Engine;
using Repro.Reproduction.Results;

namespace Repro.Reproduction.Runs;

/// <summary>
/// What one `repro run --shard K/N` was asked to do, written to artifacts/shards/K-of-N.json before it trains: the shard,
/// and the batch it is a part of (profile, seeds, experiments, engine). `repro merge` plans the whole batch again from it,
/// so it finds the trainings of shards that never ran as well, and refuses shards of different batches or engines.
/// </summary>
public sealed record ShardManifest(Shard Shard, RunProfile Profile, int Seeds, ulong? SeedOverride, IReadOnlyList<string> Experiments, string DeviceClass,
    EngineFingerprint Engine)
{
    public static string Folder(string artifacts) => Path.Combine(artifacts, "shards");

    public static string PathOf(string artifacts, Shard shard) => Path.Combine(Folder(artifacts), $"{shard.Number}-of-{shard.Count}.json");

    /// <summary>Every manifest in <paramref name="artifacts"/>/shards, by path (none when the folder is missing).</summary>
    /// <exception cref="InvalidDataException">A file there is not a shard manifest; the message names it.</exception>
    public static IReadOnlyList<(string Path, ShardManifest Manifest)> ReadAll(string artifacts) =>
        Directory.Exists(Folder(artifacts))
            ? Directory.GetFiles(Folder(artifacts), "*.json").Order(StringComparer.Ordinal).Select(path => (path, Read(path))).ToList()
            : [];

    public void Write(string artifacts) => CanonicalJson.Write(PathOf(artifacts, Shard), new JsonObject
    {
        ["shard"] = Shard.Number,
        ["shards"] = Shard.Count,
        ["profile"] = Profile.Name(),
        ["seeds"] = Seeds,
        ["seed"] = SeedOverride,
        ["experiments"] = new JsonArray(Experiments.Select(id => (JsonNode?)id).ToArray()),
        ["device"] = DeviceClass,
        ["engine"] = Engine.ToJson(),
    });

    /// <exception cref="InvalidDataException">The file is not a shard manifest; the message names it.</exception>
    public static ShardManifest Read(string path)
    {
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            return new ShardManifest(
                new Shard(json["shard"]!.GetValue<int>(), json["shards"]!.GetValue<int>()),
                RunProfiles.Parse(json["profile"]!.GetValue<string>()),
                json["seeds"]!.GetValue<int>(),
                json["seed"]?.GetValue<ulong>(),
                json["experiments"]!.AsArray().Select(id => id!.GetValue<string>()).ToList(),
                ComputeDevice.OfClass(json["device"]!.GetValue<string>()).DeviceClass,
                EngineFingerprint.FromJson(json["engine"]) ?? throw new InvalidDataException("its engine does not match its id"));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or ArgumentException or FormatException or InvalidDataException)
        {
            throw new InvalidDataException($"{path} is not a readable shard manifest ({e.Message}); delete it and run its shard again.");
        }
    }

    /// <summary>How this shard's batch differs from <paramref name="other"/>'s; empty when both are parts of one batch.</summary>
    public IReadOnlyList<string> Differences(ShardManifest other) =>
    [
        .. Shard.Count != other.Shard.Count ? [$"shards: {Shard.Count} → {other.Shard.Count}"] : Array.Empty<string>(),
        .. Profile != other.Profile ? [$"profile: {Profile.Name()} → {other.Profile.Name()}"] : Array.Empty<string>(),
        .. Seeds != other.Seeds ? [$"seeds: {Seeds} → {other.Seeds}"] : Array.Empty<string>(),
        .. SeedOverride != other.SeedOverride ? [$"seed: {SeedOverride?.ToString() ?? "own"} → {other.SeedOverride?.ToString() ?? "own"}"] : Array.Empty<string>(),
        .. !Experiments.SequenceEqual(other.Experiments, StringComparer.Ordinal) ? [$"experiments: {string.Join(" ", Experiments)} → {string.Join(" ", other.Experiments)}"] : Array.Empty<string>(),
        .. Engine.Differences(other.Engine).Select(d => $"engine {d}"),
    ];
}
