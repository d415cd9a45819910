namespace Repro.Reproduction.Tests;

/// <summary>A fresh folder under the system temp folder for a test class's `repro` runs, deleted on dispose.</summary>
internal sealed class ScratchFolder(string prefix) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>A scratch repository root named <paramref name="name"/> in this folder.</summary>
    public ReproProcess Repro(string name) => new(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
