namespace Repro.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public abstract partial class Module
        {
            /// <summary>Parameters and buffers in PyTorch's state_dict order: own parameters, own buffers, then each child.</summary>
            private IEnumerable<(string name, Tensor tensor)> named_state()
            {
                foreach (var (name, parameter) in ownParameters) yield return (name, parameter);
                foreach (var (name, buffer) in ownBuffers) yield return (name, buffer);
                foreach (var (prefix, child) in children)
                foreach (var (name, tensor) in child.named_state())
                    yield return ($"{prefix}.{name}", tensor);
            }

            /// <summary>
            /// Copies of every parameter and buffer as flat row-major float arrays, keyed like PyTorch's
            /// state_dict ("0.weight", "1.running_mean"). BatchNorm's num_batches_tracked is not kept
            /// (momentum is always a number here, so it is never read).
            /// </summary>
            public Dictionary<string, float[]> state_dict()
            {
                var result = new Dictionary<string, float[]>();
                foreach (var (name, tensor) in named_state())
                {
                    using var values = tensor.dtype == ScalarType.Float32 ? tensor.detach() : tensor.to_type(ScalarType.Float32);
                    result[name] = values.data<float>();
                }
                return result;
            }

            /// <summary>
            /// Copies flat float arrays into the existing parameters and buffers (same tensors, so optimizers
            /// holding them see the new values). Each array must hold exactly the tensor's element count; with
            /// <paramref name="strict"/> the names must match exactly.
            /// </summary>
            public void load_state_dict(IReadOnlyDictionary<string, float[]> state, bool strict = true) =>
                Load(state.Keys, strict, (name, target) =>
                {
                    var values = state[name];
                    if (values.LongLength != target.numel())
                        throw new ArgumentException(
                            $"load_state_dict: '{name}' has shape [{string.Join(", ", target.shape)}] ({target.numel()} values) but the state holds {values.LongLength} values");
                    return tensor(values, target.shape);
                });

            /// <summary>As the float[] form, but the source tensors' shapes must equal the targets' shapes.</summary>
            public void load_state_dict(IReadOnlyDictionary<string, Tensor> state, bool strict = true) =>
                Load(state.Keys, strict, (name, target) =>
                {
                    var source = state[name];
                    if (!source.shape.SequenceEqual(target.shape))
                        throw new ArgumentException(
                            $"load_state_dict: '{name}' has shape [{string.Join(", ", target.shape)}] but the state's tensor has shape [{string.Join(", ", source.shape)}]");
                    return source;
                });

            private void Load(IEnumerable<string> names, bool strict, Func<string, Tensor, Tensor> source)
            {
                var targets = named_state().ToList();
                var available = names.ToHashSet();
                if (strict)
                {
                    var missing = targets.Select(t => t.name).Where(n => !available.Contains(n)).ToList();
                    var unexpected = available.Except(targets.Select(t => t.name)).ToList();
                    if (missing.Count > 0 || unexpected.Count > 0)
                        throw new ArgumentException(
                            $"load_state_dict: missing keys [{string.Join(", ", missing)}], unexpected keys [{string.Join(", ", unexpected)}]");
                }
                // Check every entry before copying any, so a bad state leaves the module untouched.
                using var scope = NewDisposeScope();
                var copies = targets.Where(t => available.Contains(t.name)).Select(t => (t.tensor, source: source(t.name, t.tensor))).ToList();
                using var _ = no_grad();
                foreach (var (target, values) in copies) target.copy_(values);
            }
        }
    }
}
