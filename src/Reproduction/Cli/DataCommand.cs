using System.CommandLine;
using Repro.Experiments;
using Repro.Reproduction.Datasets;
using Repro.Reproduction.Inputs;
using Repro.Reproduction.Keras;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Cli;

/// <summary>
/// `repro data list|fetch|verify [ids...]` and `repro data export <folder> [ids...]`: the datasets the experiments
/// train on. Failures print the <see cref="DatasetException"/> message alone (it already says what to do) and exit
/// with 1; a stack trace would only bury that message.
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
        var command = new Command("data", "List, fetch, verify and export the datasets the experiments train on (cache: $REPRO_DATA or ~/.cache/repro; REPRO_OFFLINE=1 forbids downloads).");
        command.Subcommands.Add(Subcommand("list", "Show each dataset file: present, missing or corrupt, where it was found, how it is trusted (pinned hash or first use), its size and SHA-256; then each dataset's state, and for a missing one why and where to put it. Never downloads.", storeFactory, datasets, ListAsync, offlineFlag: false));
        command.Subcommands.Add(Subcommand("fetch", "Make the datasets available: use the cache or a system package folder, else extract, unpack or download into the cache, and verify every file. Without ids, fails only when a dataset the tests need is unavailable.", storeFactory, datasets, FetchAsync, offlineFlag: true));
        command.Subcommands.Add(Subcommand("verify", "Check that the datasets are present with accepted hashes and parse completely. Never downloads.", storeFactory, datasets, VerifyAsync, offlineFlag: false));
        var folder = new Argument<string>("folder") { Description = "Where to write the datasets, laid out as a cache: run repro there with REPRO_DATA=<folder>." };
        command.Subcommands.Add(Subcommand("export", "Copy the verified files of the datasets present here into a folder laid out as a cache, to carry them to a machine without network (REPRO_DATA=<folder> there). Never downloads.", storeFactory, datasets,
            (store, selected, named, output, error, parse, cancellationToken) => ExportAsync(store, selected, named, parse.GetRequiredValue(folder), output, error, cancellationToken),
            offlineFlag: false, leading: folder));
        return command;
    }

    /// <param name="named">Whether the user named the datasets (then each one must succeed) or took the default of all.</param>
    /// <param name="parse">The command line, for the arguments of one subcommand only.</param>
    private delegate Task<int> DataAction(DatasetStore store, IReadOnlyList<DatasetManifest> selected, bool named, TextWriter output, TextWriter error, ParseResult parse, CancellationToken cancellationToken);

    /// <param name="leading">An argument before the ids (export's folder).</param>
    private static Command Subcommand(string name, string description, Func<TextWriter, DatasetStore> storeFactory, IReadOnlyList<DatasetManifest> datasets, DataAction action, bool offlineFlag, Argument<string>? leading = null)
    {
        var offline = new Option<bool>("--offline") { Description = $"Download nothing (as {DatasetStore.OfflineVariable}=1); report what is missing and where to put it." };
        var ids = new Argument<string[]>("ids")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = $"Dataset ids (default: all). Known: {string.Join(", ", datasets.Select(d => d.Id))}.",
        };
        var command = new Command(name, description);
        if (leading is not null)
        {
            command.Arguments.Add(leading);
        }

        command.Arguments.Add(ids);
        if (offlineFlag)
        {
            command.Options.Add(offline);
        }

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
                var store = storeFactory(error);
                if (offlineFlag && parseResult.GetValue(offline))
                {
                    store = store.WithOffline(true);
                }

                return await action(store, selected, requested.Length > 0, output, error, parseResult, cancellationToken).ConfigureAwait(false);
            }
            catch (DatasetException e)
            {
                error.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }

    private static Task<int> ListAsync(DatasetStore store, IReadOnlyList<DatasetManifest> selected, bool named, TextWriter output, TextWriter error, ParseResult parse, CancellationToken cancellationToken)
    {
        var rows = new List<string[]> { new[] { "DATASET", "FILE", "STATUS", "SOURCE", "TRUST", "SIZE", "SHA256" } };
        var inspections = selected.ToDictionary(m => m.Id, store.Inspect, StringComparer.Ordinal);
        foreach (var manifest in selected)
        {
            foreach (var file in inspections[manifest.Id])
            {
                rows.Add(
                [
                    manifest.Id,
                    file.File.Name,
                    file.Status.ToString().ToLowerInvariant(),
                    file.Source?.ToString().ToLowerInvariant() ?? "-",
                    file.Trust ?? "-",
                    file.Size is { } size ? DownloadProgress.Size(size) : "-",
                    file.Sha256 ?? "-",
                ]);
            }
        }

        WriteTable(output, rows);
        output.WriteLine();
        foreach (var manifest in selected)
        {
            output.WriteLine(DatasetAvailability.Describe(store, manifest, inspections[manifest.Id]));
        }

        output.WriteLine();
        foreach (var manifest in selected)
        {
            var system = manifest.SystemFolders.Count == 0 ? string.Empty : $"; system: {string.Join(", ", manifest.SystemFolders.Select(f => f.Path))}";
            output.WriteLine($"{manifest.Id}: cache {store.CacheFolder(manifest)}{system}");
        }

        foreach (var derived in DatasetRegistry.All.Where(d => d.Derivation is not null))
        {
            output.WriteLine($"{derived.Id}: derived from {derived.Manifest.Id} when loaded ({derived.Derivation}), present when {derived.Manifest.Id} is");
        }

        return Task.FromResult(0);
    }

    /// <summary>
    /// Named datasets must all succeed. Without ids every dataset is attempted, but only those the tests need
    /// (<see cref="DatasetManifest.RequiredForTests"/>) decide the exit code: the others (CIFAR-10, the full UCI digits)
    /// cannot be had on a machine without general network access, and the build's Data step must still pass there.
    /// </summary>
    private static async Task<int> FetchAsync(DatasetStore store, IReadOnlyList<DatasetManifest> selected, bool named, TextWriter output, TextWriter error, ParseResult parse, CancellationToken cancellationToken)
    {
        var exitCode = 0;
        var unavailable = new List<string>();
        foreach (var manifest in selected)
        {
            try
            {
                var resolved = await store.ResolveAsync(manifest, cancellationToken).ConfigureAwait(false);
                output.WriteLine($"{manifest.Id}: ok{(manifest.SubsetOf is { } of ? $" (subset of {of})" : string.Empty)}");
                WriteFiles(output, resolved.Files.Values);
            }
            catch (DatasetException e)
            {
                // The other datasets are independent; report this one and go on.
                error.WriteLine(e.Message);
                if (named || manifest.RequiredForTests)
                {
                    exitCode = 1;
                }
                else
                {
                    unavailable.Add(manifest.Id);
                }
            }
        }

        foreach (var id in unavailable)
        {
            output.WriteLine($"{id}: not available here (not needed by the tests; see the message above, or `repro data list`)");
        }

        return exitCode;
    }

    private static Task<int> VerifyAsync(DatasetStore store, IReadOnlyList<DatasetManifest> selected, bool named, TextWriter output, TextWriter error, ParseResult parse, CancellationToken cancellationToken) =>
        EachAsync(store, selected, named, output, error, manifest => VerifyAsync(store, manifest, cancellationToken), "not available here (not needed by the tests)");

    /// <summary>
    /// Prints what <paramref name="action"/> says of each dataset. As for fetch: a dataset it fails on is reported, and
    /// fails the command when named, needed by the tests or corrupt; without ids, an absent optional one is only listed.
    /// </summary>
    private static async Task<int> EachAsync(DatasetStore store, IReadOnlyList<DatasetManifest> selected, bool named, TextWriter output, TextWriter error, Func<DatasetManifest, Task<string>> action, string absent)
    {
        var exitCode = 0;
        foreach (var manifest in selected)
        {
            try
            {
                output.WriteLine(await action(manifest).ConfigureAwait(false));
            }
            catch (DatasetException e)
            {
                error.WriteLine(e.Message);
                var corrupt = store.Inspect(manifest).Any(i => i.Status == FileStatus.Corrupt);
                if (named || manifest.RequiredForTests || corrupt)
                {
                    exitCode = 1;
                }
                else
                {
                    output.WriteLine($"{manifest.Id}: {absent}");
                }
            }
        }

        return exitCode;
    }

    private static async Task<string> VerifyAsync(DatasetStore store, DatasetManifest manifest, CancellationToken cancellationToken)
    {
        RequirePresent(store, manifest);
        var offline = store.WithOffline(true);
        using var text = new StringWriter();
        if (DatasetRegistry.All.FirstOrDefault(d => d.Id == manifest.Id) is { } dataset)
        {
            var data = dataset.Read(offline, manifest, PixelLayout.AsPublished);
            var subset = data.SubsetOf is { } of ? $", subset of {of}" : string.Empty;
            text.WriteLine($"{manifest.Id}: ok: {data.TrainCount} training and {data.TestCount} test images of {data.Channels}×{data.Height}×{data.Width}, {data.ClassNames.Length} classes{subset}");
            WriteFiles(text, data.Files.Values);
        }
        else if (KerasWeightsManifest.All.Any(m => m.Id == manifest.Id))
        {
            var resolved = await offline.ResolveAsync(manifest, cancellationToken).ConfigureAwait(false);
            foreach (var file in resolved.Files.Values)
            {
                try
                {
                    using var weights = KerasWeightFile.Open(file.Path);
                    var values = weights.Layers.SelectMany(l => l.Weights).Sum(w => (long)w.Read().Length);
                    text.WriteLine($"{manifest.Id}: ok: a Keras weight file with {weights.Layers.Count} layers holding weights, {values:N0} values");
                }
                catch (InvalidDataException e)
                {
                    throw new DatasetException(e.Message, e);
                }
            }

            WriteFiles(text, resolved.Files.Values);
        }
        else
        {
            var resolved = await offline.ResolveAsync(manifest, cancellationToken).ConfigureAwait(false);
            text.WriteLine($"{manifest.Id}: ok (SHA-256 only; no parser for this dataset)");
            WriteFiles(text, resolved.Files.Values);
        }

        return text.ToString().TrimEnd();
    }

    private static async Task<int> ExportAsync(DatasetStore store, IReadOnlyList<DatasetManifest> selected, bool named, string folder, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(folder);
        var exitCode = await EachAsync(store, selected, named, output, error, manifest => ExportAsync(store, manifest, root, cancellationToken), "not available here, not exported (not needed by the tests)")
            .ConfigureAwait(false);
        output.WriteLine($"Use them with {DatasetStore.DataVariable}={root} (and {DatasetStore.OfflineVariable}=1 where nothing can be downloaded).");
        return exitCode;
    }

    private static async Task<string> ExportAsync(DatasetStore store, DatasetManifest manifest, string root, CancellationToken cancellationToken)
    {
        RequirePresent(store, manifest);
        var exported = await store.ExportAsync(manifest, root, cancellationToken).ConfigureAwait(false);
        using var text = new StringWriter();
        text.WriteLine($"{manifest.Id}: exported");
        WriteFiles(text, exported.Files.Values);
        return text.ToString().TrimEnd();
    }

    /// <summary>
    /// Throws when a file is missing or corrupt. Checked here rather than left to the store so that the message says
    /// "run fetch", not "offline mode is on".
    /// </summary>
    private static void RequirePresent(DatasetStore store, DatasetManifest manifest)
    {
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
    }

    private static void WriteFiles(TextWriter output, IEnumerable<ResolvedFile> files)
    {
        foreach (var file in files)
        {
            output.WriteLine($"  {file.FileName}  {file.Source.ToString().ToLowerInvariant()}  {file.Path}");
            output.WriteLine($"    sha256 {file.Sha256}: {(file.Match.Algorithm == HashAlgorithmKind.Sha256 ? string.Empty : $"{file.Match.Display}, ")}{file.Match.Provenance}");
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
