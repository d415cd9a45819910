using PureHDF;
using PureHDF.VOL.Native;

namespace Repro.Reproduction.Keras;

/// <summary>
/// A Keras HDF5 weight file in the layout Keras 2's save_weights writes and the keras-applications *_notop.h5 files
/// use (keras/saving/hdf5_format.py, save_weights_to_hdf5_group): the root attribute layer_names lists every layer,
/// weightless ones included; each layer's group has the attribute weight_names listing its weights in the layer's
/// order; each weight is a dataset under the group at that name (a name with '/' is a nested path). Only the
/// structure is read when opened; <see cref="KerasStoredWeight.Read"/> reads a weight's values.
/// Anything PureHDF cannot parse (a truncated or damaged file) is an <see cref="InvalidDataException"/> naming the file.
/// </summary>
public sealed class KerasWeightFile : IDisposable
{
    private readonly NativeFile file;

    private KerasWeightFile(string path, NativeFile file, IReadOnlyList<KerasStoredLayer> layers) =>
        (Path, this.file, Layers) = (path, file, layers);

    public string Path { get; }

    /// <summary>The layers that have weights, in the file's order.</summary>
    public IReadOnlyList<KerasStoredLayer> Layers { get; }

    public static KerasWeightFile Open(string path)
    {
        NativeFile? file = null;
        try
        {
            file = H5File.OpenRead(path);
            if (!file.AttributeExists("layer_names"))
                throw new InvalidDataException($"{path} is an HDF5 file but not a Keras weight file: its root has no layer_names attribute.");
            var layers = new List<KerasStoredLayer>();
            foreach (var name in Strings(file.Attribute("layer_names")))
            {
                var group = file.Group(name);
                var weightNames = group.AttributeExists("weight_names") ? Strings(group.Attribute("weight_names")) : [];
                if (weightNames.Length == 0) continue;
                layers.Add(new KerasStoredLayer(name, weightNames.Select(w => Weight(path, name, w, group.Dataset(w))).ToList()));
            }

            return new KerasWeightFile(path, file, layers);
        }
        catch (Exception e) when (e is not InvalidDataException and not FileNotFoundException and not UnauthorizedAccessException)
        {
            file?.Dispose();
            throw new InvalidDataException($"{path} is not a readable Keras HDF5 weight file ({e.GetType().Name}: {e.Message}); it may be truncated or damaged: delete it and fetch it again.", e);
        }
        catch
        {
            file?.Dispose();
            throw;
        }
    }

    private static KerasStoredWeight Weight(string path, string layer, string name, IH5Dataset dataset)
    {
        var type = dataset.Type;
        var dtype = type.Class switch
        {
            H5DataTypeClass.FloatingPoint => $"float{type.Size * 8}",
            H5DataTypeClass.FixedPoint => $"int{type.Size * 8}",
            var other => other.ToString().ToLowerInvariant(),
        };
        var shape = dataset.Space.Dimensions.Select(d => (long)d).ToArray();
        return new KerasStoredWeight(name, shape, dtype, () =>
        {
            try
            {
                return dataset.Read<float[]>();
            }
            catch (Exception e)
            {
                throw new InvalidDataException($"{path}: the values of {layer}/{name} cannot be read ({e.GetType().Name}: {e.Message}); the file may be truncated or damaged: delete it and fetch it again.", e);
            }
        });
    }

    /// <summary>
    /// A string-array attribute (h5py writes numpy's fixed-length byte strings). An empty one is written by Keras as
    /// np.asarray([]), a zero-length float array, so its type does not matter (nor does it for a null dataspace).
    /// </summary>
    private static string[] Strings(IH5Attribute attribute) =>
        attribute.Space.Type == H5DataspaceType.Null || attribute.Space.Dimensions.Aggregate(1UL, (a, b) => a * b) == 0
            ? []
            : attribute.Read<string[]>().Select(s => s.TrimEnd('\0')).ToArray();

    public void Dispose() => file.Dispose();
}

/// <summary>A layer of a Keras weight file and its weights, in weight_names order.</summary>
public sealed record KerasStoredLayer(string Name, IReadOnlyList<KerasStoredWeight> Weights);

/// <summary>One weight: its name in weight_names, its shape as stored (Keras's layout: HWIO kernels), its HDF5 type.</summary>
/// <param name="Dtype">"float32" for every weight Keras writes; anything else is refused.</param>
/// <param name="Read">Reads the values, row-major.</param>
public sealed record KerasStoredWeight(string Name, long[] Shape, string Dtype, Func<float[]> Read);
