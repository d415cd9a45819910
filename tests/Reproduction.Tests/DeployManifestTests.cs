using YamlDotNet.RepresentationModel;

namespace Repro.Reproduction.Tests;

/// <summary>
/// The Kubernetes manifests under deploy/k8s parse as YAML and hold together: an indexed Job whose shard count is its
/// completions, and a merge Job on the same artifacts volume. (The Lint target checks them against the Kubernetes API's
/// schemas: build/lint/lint-manifests.mjs.)
/// </summary>
public class DeployManifestTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "deploy", "k8s");

    private static List<YamlMappingNode> Documents(string file)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Folder, file))) stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static YamlNode At(YamlNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => current is YamlSequenceNode list ? list[int.Parse(key)] : ((YamlMappingNode)current)[key]);

    private static string Text(YamlNode node, params string[] path) => ((YamlScalarNode)At(node, path)).Value!;

    [Test]
    public void The_indexed_job_runs_one_shard_per_completion_and_the_merge_reads_its_volume()
    {
        var shards = Documents("repro-shards.yaml");
        var job = shards.Single(d => Text(d, "kind") == "Job");
        var claim = shards.Single(d => Text(d, "kind") == "PersistentVolumeClaim");
        var merge = Documents("repro-merge.yaml").Single();
        var shard = At(job, "spec", "template", "spec", "containers", "0");
        var count = ((YamlSequenceNode)At(shard, "env")).Single(v => Text(v, "name") == "REPRO_SHARD_COUNT");

        Assert.Multiple(() =>
        {
            Assert.That(Text(job, "apiVersion"), Is.EqualTo("batch/v1"));
            Assert.That(Text(job, "spec", "completionMode"), Is.EqualTo("Indexed"));
            Assert.That(Text(count, "value"), Is.EqualTo(Text(job, "spec", "completions")), "REPRO_SHARD_COUNT is the number of indexes");
            Assert.That(Text(job, "spec", "parallelism"), Is.EqualTo(Text(job, "spec", "completions")));
            Assert.That(Text(merge, "kind"), Is.EqualTo("Job"));
            foreach (var pod in new[] { job, merge })
            {
                Assert.That(Text(pod, "spec", "template", "spec", "volumes", "0", "persistentVolumeClaim", "claimName"), Is.EqualTo(Text(claim, "metadata", "name")));
                Assert.That(Text(pod, "spec", "template", "spec", "containers", "0", "volumeMounts", "0", "mountPath"), Is.EqualTo("/repro/artifacts"));
            }

            Assert.That(string.Join(" ", ((YamlSequenceNode)At(shard, "command")).Select(c => ((YamlScalarNode)c).Value)), Does.Contain("repro.dll run"));
            Assert.That(Text(merge, "spec", "template", "spec", "containers", "0", "command", "2"), Does.Contain("repro.dll merge artifacts"));
        });
    }
}
