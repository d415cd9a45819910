using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras;

/// <summary>
/// Fills a built model's named layers from Keras weight files, by layer name, as Keras's load_weights(by_name=True)
/// does, but strictly: every named layer of the model must be in exactly one file and every layer with weights in
/// the files must be in the model, with the weights in Keras's order (kernel, bias; gamma, beta, moving_mean,
/// moving_variance), Keras's shapes and float32. Everything is checked and read before the first value is copied,
/// so a file that does not match, or cannot be read to the end, leaves the model as it was: an
/// <see cref="InvalidDataException"/> names the file and the first mismatch.
/// </summary>
public static class KerasWeightLoading
{
    public static void Load(KerasModel model, IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<KerasWeightFile>();
        try
        {
            foreach (var path in paths) files.Add(KerasWeightFile.Open(path));
            var values = Match(model.NamedLayers, files).Select(m => (m.Slot, Values: m.Slot.ToRepro(m.Stored.Read()))).ToList();
            using var _ = no_grad();
            foreach (var (slot, data) in values)
            {
                using var source = tensor(data, slot.Target.shape);
                slot.Target.copy_(source);
            }
        }
        finally
        {
            foreach (var file in files) file.Dispose();
        }
    }

    /// <summary>Each slot of the model with the stored weight that fills it; throws at the first mismatch.</summary>
    private static List<(KerasWeightSlot Slot, KerasStoredWeight Stored)> Match(IReadOnlyList<KerasNamedLayer> model, IReadOnlyList<KerasWeightFile> files)
    {
        var modelNames = model.Select(l => l.Name).ToHashSet(StringComparer.Ordinal);
        var stored = new Dictionary<string, (KerasWeightFile File, KerasStoredLayer Layer)>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var layer in file.Layers)
            {
                if (!modelNames.Contains(layer.Name))
                    throw Mismatch(file.Path, $"it has weights for layer {layer.Name}, which the model does not have");
                if (!stored.TryAdd(layer.Name, (file, layer)))
                    throw Mismatch(file.Path, $"layer {layer.Name} is also in {stored[layer.Name].File.Path}");
            }
        }

        var matched = new List<(KerasWeightSlot, KerasStoredWeight)>();
        foreach (var layer in model)
        {
            if (!stored.TryGetValue(layer.Name, out var found))
                throw Mismatch(string.Join(", ", files.Select(f => f.Path)), $"layer {layer.Name} of the model is not in it");
            var (file, weights) = (found.File.Path, found.Layer.Weights);
            var slots = layer.Slots;
            if (weights.Count != slots.Count)
            {
                throw Mismatch(file, $"layer {layer.Name} has {weights.Count} weights ({string.Join(", ", weights.Select(w => w.Name))}), " +
                    $"the model's has {slots.Count} ({string.Join(", ", slots.Select(s => s.Role))})");
            }

            for (var i = 0; i < slots.Count; i++)
            {
                var (slot, weight) = (slots[i], weights[i]);
                if (!slot.Accepts(Role(layer.Name, weight.Name)))
                    throw Mismatch(file, $"layer {layer.Name}: weight {i + 1} is {weight.Name}, where the model has its {slot.Role}");
                if (!weight.Shape.SequenceEqual(slot.KerasShape))
                    throw Mismatch(file, $"layer {layer.Name}: {weight.Name} has shape {Shape(weight.Shape)}, the model's {slot.Role} needs {Shape(slot.KerasShape)}");
                if (weight.Dtype != "float32")
                    throw Mismatch(file, $"layer {layer.Name}: {weight.Name} is {weight.Dtype}, not float32");
                matched.Add((slot, weight));
            }
        }

        return matched;
    }

    /// <summary>
    /// What a weight name says it is: "conv1_conv/kernel:0" (tf.keras) → kernel, "block1_conv1_W_1:0" (Keras 1) → W:
    /// the part after the last '/', without ":0", the layer's name as prefix and a "_1" suffix.
    /// </summary>
    public static string Role(string layer, string weightName)
    {
        var role = weightName;
        var colon = role.LastIndexOf(':');
        if (colon >= 0) role = role[..colon];
        role = role[(role.LastIndexOf('/') + 1)..];
        if (role.StartsWith(layer + "_", StringComparison.Ordinal)) role = role[(layer.Length + 1)..];
        var underscore = role.LastIndexOf('_');
        if (underscore > 0 && role[(underscore + 1)..].All(char.IsAsciiDigit) && underscore < role.Length - 1) role = role[..underscore];
        return role;
    }

    private static string Shape(long[] shape) => $"({string.Join(", ", shape)})";

    private static InvalidDataException Mismatch(string file, string what) =>
        new($"{file} does not match the model: {what}. Nothing was loaded; use the weight file this experiment names.");
}
