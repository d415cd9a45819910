using Repro.Reproduction.Runs;

namespace Repro.Reproduction.Results;

/// <summary>
/// Brings the results and run records of another machine (<see cref="ImportSource"/>) into this repository: every
/// result file is checked first (<see cref="ImportedResult.Check"/>) and one that fails is not imported; the run records
/// go into the run cache as `repro merge` merges a shard's (<see cref="RunRecordMerge"/>: an identical record is
/// silent, other numbers under one key a conflict); then each result is written, atomically, as it was, to
/// &lt;results&gt;/&lt;class&gt;/&lt;profile&gt;/&lt;id&gt;/result.json. A result there already is left alone when it is the same
/// file, and replaced by a different one only when forced.
/// </summary>
/// <param name="resultsRoot">Where results go (artifacts/results, or --results).</param>
/// <param name="cache">This repository's run cache.</param>
public sealed class ResultImport(string resultsRoot, RunCache cache)
{
    /// <param name="Imported">Results written.</param>
    /// <param name="Unchanged">Results that were here already, byte for byte.</param>
    /// <param name="Errors">Each file not imported, and why.</param>
    /// <param name="RecordsCopied">Run records new to this run cache.</param>
    /// <param name="Records">Run records that came with the results.</param>
    public sealed record Outcome(IReadOnlyList<ImportedResult> Imported, IReadOnlyList<ImportedResult> Unchanged, IReadOnlyList<string> Errors, int RecordsCopied, int Records);

    /// <param name="force">Replace a different result that is here already.</param>
    public Outcome Import(ImportSource source, bool force)
    {
        var errors = new List<string>();
        var unchanged = new List<ImportedResult>();
        var toWrite = new List<(ImportedResult Result, string Target, byte[] Bytes)>();
        var results = Path.Combine(source.Folder, "results");
        foreach (var file in source.ResultFiles)
        {
            var (result, problems) = ImportedResult.Check(results, file, source.Runs, cache);
            if (result is null)
            {
                errors.Add(source.Show($"{file} is not imported: {string.Join("; ", problems)}."));
                continue;
            }

            var target = RepositoryPaths.ResultJson(resultsRoot, result.DeviceClass, result.Profile, result.ExperimentId);
            var bytes = File.ReadAllBytes(file);
            if (File.Exists(target))
            {
                if (File.ReadAllBytes(target).AsSpan().SequenceEqual(bytes))
                {
                    unchanged.Add(result);
                    continue;
                }

                if (!force)
                {
                    errors.Add(source.Show($"{file} is not imported: {target} holds another result ({Describe(target)}; the imported one: {Describe(file)}); give --force to replace it."));
                    continue;
                }
            }

            toWrite.Add((result, target, bytes));
        }

        // The records before the results, so that a result here always finds its runs in the cache.
        var merged = RunRecordMerge.Into(cache, [source.Runs]);
        errors.AddRange(merged.Conflicts.Select(conflict => source.Show($"not imported: {conflict}.")));
        errors.AddRange(merged.Rejected.Select(rejected => source.Show($"run record {rejected}: not imported.")));
        foreach (var (_, target, bytes) in toWrite) AtomicFile.Write(target, stream => stream.Write(bytes));
        return new Outcome(toWrite.Select(w => w.Result).ToList(), unchanged, errors, merged.Copied, source.Runs.Keys().Count());
    }

    private static string Describe(string path)
    {
        try
        {
            var result = ResultFile.Read(path, Path.GetFileName(Path.GetDirectoryName(path)!));
            return $"engine {result.Engine?.Id ?? "unknown"}, started {result.Provenance.StartedUtc ?? "at an unrecorded time"}";
        }
        catch (ResultFileException)
        {
            return "not a readable result";
        }
    }
}
