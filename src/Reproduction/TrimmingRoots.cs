namespace Repro.Reproduction;

/// <summary>
/// Why the reflection in repro's own code works in the trimmed bundle (`./build.sh Bundle`): the bundle keeps repro and
/// Repro.Experiments whole (TrimmerRootAssembly in Repro.Reproduction.csproj), so the trimmer's
/// warnings at these sites are moot. The justifications the suppressions cite; a site that reflects over anything
/// else needs its own reason.
/// </summary>
internal static class TrimmingRoots
{
    public const string Discovery = "Finds and constructs types of repro's assemblies, which the bundle keeps whole (TrimmerRootAssembly).";

    public const string Json = "Serializes repro's own records, which the bundle keeps whole (TrimmerRootAssembly), with the reflection-based serializer it turns on (JsonSerializerIsReflectionEnabledByDefault).";
}
