namespace Repro.Reproduction.Store;

/// <summary>
/// A Debian package that carries a dataset file, for when the package is not installed: `apt-get download` fetches
/// the .deb (from the configured package archive, which is reachable where general downloads may not be) and
/// `dpkg-deb -x` unpacks it into a temporary folder, without installing anything.
/// </summary>
/// <param name="Package">The package name, e.g. python3-sklearn.</param>
/// <param name="Files">Dataset file name → its absolute path inside the package.</param>
public sealed record DebianPackageSource(string Package, IReadOnlyDictionary<string, string> Files);
