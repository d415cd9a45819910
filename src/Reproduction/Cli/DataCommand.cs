using System.CommandLine;
using Repro.Reproduction.Data;

namespace Repro.Reproduction.Cli;

/// <summary>
/// `repro data list|fetch|verify [ids...]`: the datasets the experiments train on. Failures print the
/// <see cref="DatasetException"/> message alone (it already says what to do) and exit with 1; a stack trace would
/// only bury that message.
/// </summary>
public static class DataCommand
{
    public static Command Create() =>
        Create(log => DatasetStore.FromEnvironment(Environment.GetEnvironmentVariable, log), DatasetCatalog.All);

    /// <param name="storeFactory">Builds the store, given the writer for progress and warnings (standard error of the invocation).</param>
    /// <param name="datasets">The datasets the ids may name; tests pass manifests pinned to fixtures.</param>
    public static Command Create(Func<TextWriter, DatasetStore> storeFactory, IReadOnlyList<DatasetManifest> datasets)
    {
        ArgumentNullException.ThrowIfNull(storeFactory);
        ArgumentNullException.ThrowIfNull(datasets);
        var command = new Command("data", "List, fetch and verify the datasets the experiments train on (cache: $REPRO_DATA or ~/.cache/repro; REPRO_OFFLINE=1 forbids downloads).");
        command.Subcommands.Add(Subcommand("list", "Show each dataset file: present, missing or corrupt, where it was found, its size and SHA-256. Never downloads.", storeFactory, datasets, ListAsync));
        command.Subcommands.Add(Subcommand("fetch", "Make the datasets available: use the cache or a system package folder, else download from the mirrors into the cache. Verifies every SHA-256.", storeFactory, datasets, FetchAsync));
        command.Subcommands.Add(Subcommand("verify", "Check that the datasets are present with pinned SHA-256s and parse completely. Never downloads.", storeFactory, datasets, VerifyAsync));
        return command;
    }

    private delegate Task<int> DataAction(DatasetStore store, IReadOnlyList<DatasetManifest> selected, TextWriter output, TextWriter error, CancellationToken cancellationToken);

    private static Command Subcommand(string name, string description, Func<TextWriter, DatasetStore> storeFactory, IReadOnlyList<DatasetManifest> datasets, DataAction action)
    {
        var ids = new Argument<string[]>("ids")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = $"Dataset ids (default: all). Known: {string.Join(", ", datasets.Select(d => d.Id))}.",
        };
        var command = new Command(name, description);
        command.Arguments.Add(ids);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            try
            {
                var requested = parseResult.GetValue(ids) ?? [];
                var selected = requested.Length == 0
                    ? datasets
                    : requested.Distinct(StringComparer.Ordinal).Select(id => DatasetCatalog.Find(id, datasets)).ToArray();
                return await action(storeFactory(error), selected, output, error, cancellationToken).ConfigureAwait(false);
            }
            catch (DatasetException e)
            {
                error.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }

    private static Task<int> ListAsync(DatasetStore store, IReadOnlyList<DatasetManifest> selected, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var rows = new List<string[]> { new[] { "DATASET", "FILE", "STATUS", "SOURCE", "SIZE", "SHA256" } };
        foreach (var manifest in selected)
        {
            foreach (var file in store.Inspect(manifest))
            {
                rows.Add(
                [
                    manifest.Id,
                    file.File.Name,
                    file.Status.ToString().ToLowerInvariant(),
                    file.Source?.ToString().ToLowerInvariant() ?? "-",
                    file.Size is { } size ? DownloadProgress.Size(size) : "-",
                    file.Sha256 ?? "-",
                ]);
            }
        }

        WriteTable(output, rows);
        output.WriteLine();
        foreach (var manifest in selected)
        {
            var system = manifest.SystemFolders.Count == 0 ? string.Empty : $"; system: {string.Join(", ", manifest.SystemFolders.Select(f => f.Path))}";
            output.WriteLine($"{manifest.Id}: cache {store.CacheFolder(manifest)}{system}");
        }

        return Task.FromResult(0);
    }

    private static async Task<int> FetchAsync(DatasetStore store, IReadOnlyList<DatasetManifest> selected, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var exitCode = 0;
        foreach (var manifest in selected)
        {
            try
            {
                var resolved = await store.ResolveAsync(manifest, cancellationToken).ConfigureAwait(false);
                output.WriteLine($"{manifest.Id}: ok");
                WriteFiles(output, resolved.Files.Values);
            }
            catch (DatasetException e)
            {
                // The other datasets are independent; report this one and go on.
                error.WriteLine(e.Message);
                exitCode = 1;
            }
        }

        return exitCode;
    }

    private static async Task<int> VerifyAsync(DatasetStore store, IReadOnlyList<DatasetManifest> selected, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var exitCode = 0;
        foreach (var manifest in selected)
        {
            try
            {
                output.WriteLine(await VerifyAsync(store, manifest, cancellationToken).ConfigureAwait(false));
            }
            catch (DatasetException e)
            {
                error.WriteLine(e.Message);
                exitCode = 1;
            }
        }

        return exitCode;
    }

    private static async Task<string> VerifyAsync(DatasetStore store, DatasetManifest manifest, CancellationToken cancellationToken)
    {
        // Checked here rather than left to the store so that the message says "run fetch", not "offline mode is on".
        var inspections = store.Inspect(manifest);
        var corruptCache = inspections.Where(i => i is { Status: FileStatus.Corrupt, Source: FileSource.Cache }).ToArray();
        if (corruptCache.Length > 0)
        {
            throw new DatasetException(DatasetMessages.CorruptFiles(manifest, corruptCache));
        }

        var unusable = inspections.Where(i => i.Status != FileStatus.Present).ToArray();
        if (unusable.Length > 0)
        {
            throw new DatasetException(DatasetMessages.Missing(
                manifest,
                store.CacheFolder(manifest),
                unusable.Select(i => i.File).ToArray(),
                unusable.Where(i => i.Status == FileStatus.Corrupt).ToArray()));
        }

        var offline = store.WithOffline(true);
        using var text = new StringWriter();
        if (manifest.Id == FashionMnistManifest.Id)
        {
            var data = await FashionMnist.LoadAsync(offline, manifest, cancellationToken).ConfigureAwait(false);
            text.WriteLine($"{manifest.Id}: ok: {data.TrainCount} training and {data.TestCount} test images of {data.Rows}×{data.Columns}, {data.ClassNames.Length} classes");
            WriteFiles(text, data.Files.Values);
        }
        else
        {
            var resolved = await offline.ResolveAsync(manifest, cancellationToken).ConfigureAwait(false);
            text.WriteLine($"{manifest.Id}: ok (SHA-256 only; no parser for this dataset)");
            WriteFiles(text, resolved.Files.Values);
        }

        return text.ToString().TrimEnd();
    }

    private static void WriteFiles(TextWriter output, IEnumerable<ResolvedFile> files)
    {
        foreach (var file in files)
        {
            output.WriteLine($"  {file.FileName}  {file.Source.ToString().ToLowerInvariant()}  {file.Path}");
            output.WriteLine($"    sha256 {file.Sha256}: {file.Match.Provenance}");
        }
    }

    private static void WriteTable(TextWriter output, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]))).TrimEnd());
        }
    }
}
