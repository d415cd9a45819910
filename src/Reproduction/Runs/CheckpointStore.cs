using System.Text.Json;
using Repro.Reproduction.Results;
using Repro.Reproduction.Training;

namespace Repro.Reproduction.Runs;

/// <summary>
/// The latest epoch checkpoint of each unfinished training, under artifacts/cache/checkpoints, one
/// file per training (<see cref="CheckpointFile"/>), replaced atomically after every epoch. The file
/// is named by the run key without the engine, so a checkpoint that another engine wrote is found
/// and refused with that reason instead of being silently ignored; only the same engine resumes it.
/// </summary>
public sealed class CheckpointStore(string folder)
{
    public static CheckpointStore Default() => new(Path.Combine(RepositoryPaths.Artifacts, "cache", "checkpoints"));

    public string Folder { get; } = folder;

    /// <summary>The verified checkpoint of <paramref name="run"/> written by <paramref name="engine"/>, or null.</summary>
    /// <param name="run">The training.</param>
    /// <param name="engine">The id of the engine that would resume it.</param>
    /// <param name="rejection">Set when a checkpoint exists but cannot be resumed: its path and why.</param>
    public TrainingCheckpoint? Find(TrainingRun run, string engine, out string? rejection)
    {
        rejection = null;
        var path = PathOf(run);
        if (!File.Exists(path)) return null;
        try
        {
            var (runKey, writtenBy, checkpoint) = CheckpointFile.Read(File.ReadAllBytes(path));
            if (writtenBy != engine) rejection = $"{path}: written by engine {writtenBy}, but this run's engine is {engine}, whose numbers could differ";
            else if (runKey != run.Key) rejection = $"{path}: holds run {runKey}, not {run.Key}";
            else return checkpoint;
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            rejection = $"{path}: unreadable, truncated or corrupted ({e.Message})";
        }

        return null;
    }

    public void Save(TrainingRun run, string engine, TrainingCheckpoint checkpoint) =>
        AtomicFile.Write(PathOf(run), stream => CheckpointFile.Write(stream, run.Key, engine, checkpoint));

    /// <summary>
    /// Removes the checkpoint of <paramref name="run"/>, if it has one (a one-epoch training never writes
    /// one), and the temporary files of writes that a kill cut short (<see cref="AtomicFile"/>'s names).
    /// </summary>
    public void Delete(TrainingRun run)
    {
        if (!Directory.Exists(Folder)) return;
        foreach (var file in AtomicFile.Leftovers(PathOf(run)).Append(PathOf(run))) File.Delete(file);
    }

    public string PathOf(TrainingRun run) => Path.Combine(Folder, run.CheckpointKey + ".checkpoint");
}
