using System.Formats.Tar;

namespace Repro.Data.Tests;

/// <summary>Fixture archives carrying the unsafe entries a hostile archive could, for the extraction-safety tests.</summary>
internal static class HostileArchive
{
    /// <summary>The fixture's members after <paramref name="hostile"/>, so the hostile entry is met first.</summary>
    public static byte[] ArchiveWith(this Cifar10Fixture fixture, TarEntry hostile) =>
        TarGzWriter.Build(fixture.Members().Prepend(hostile));
}
