namespace Repro.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// Base of all modules: named parameters and sub-modules, and the training flag that
        /// dropout and batch normalisation read. Modeled on TorchSharp's Module.
        /// </summary>
        public abstract partial class Module : IDisposable
        {
            private readonly List<(string Name, Parameter Parameter)> ownParameters = [];
            private readonly List<(string Name, Tensor Buffer)> ownBuffers = [];
            private readonly List<(string Name, Module Module)> children = [];

            public bool training { get; private set; } = true;

            public Module train(bool on = true)
            {
                training = on;
                foreach (var (_, child) in children) child.train(on);
                return this;
            }

            public Module eval() => train(false);

            protected Parameter register_parameter(string name, Parameter parameter)
            {
                ownParameters.Add((name, parameter));
                return parameter;
            }

            /// <summary>
            /// Registers a non-trainable tensor (batch normalisation's running statistics). The module takes
            /// it out of any dispose scope and frees it when disposed, so training steps never free or leak it.
            /// </summary>
            protected Tensor register_buffer(string name, Tensor buffer)
            {
                buffer.DetachFromDisposeScope();
                ownBuffers.Add((name, buffer));
                return buffer;
            }

            protected T register_module<T>(string name, T module) where T : Module
            {
                children.Add((name, module));
                return module;
            }

            /// <summary>Parameters in registration order, depth first, named like PyTorch ("0.weight").</summary>
            public IEnumerable<(string name, Parameter parameter)> named_parameters()
            {
                foreach (var (name, parameter) in ownParameters) yield return (name, parameter);
                foreach (var (prefix, child) in children)
                foreach (var (name, parameter) in child.named_parameters())
                    yield return ($"{prefix}.{name}", parameter);
            }

            public IEnumerable<Parameter> parameters() => named_parameters().Select(p => p.parameter);

            /// <summary>
            /// Moves every parameter and buffer to <paramref name="target"/> in place (the same tensor
            /// objects, so an optimizer built before or after keeps working), as PyTorch's Module.to does.
            /// </summary>
            public Module to(Device target)
            {
                using var _ = no_grad();
                foreach (var tensor in parameters().Cast<Tensor>().Concat(buffers()))
                {
                    using var moved = tensor.to(target);
                    tensor.set_data(moved);
                }

                return this;
            }

            /// <summary>Buffers in registration order, depth first, named like PyTorch ("1.running_mean").</summary>
            public IEnumerable<(string name, Tensor buffer)> named_buffers()
            {
                foreach (var (name, buffer) in ownBuffers) yield return (name, buffer);
                foreach (var (prefix, child) in children)
                foreach (var (name, buffer) in child.named_buffers())
                    yield return ($"{prefix}.{name}", buffer);
            }

            public IEnumerable<Tensor> buffers() => named_buffers().Select(b => b.buffer);

            public IEnumerable<(string name, Module module)> named_children() => children.Select(c => (c.Name, c.Module));

            public void Dispose()
            {
                foreach (var (_, parameter) in ownParameters) parameter.Dispose();
                foreach (var (_, buffer) in ownBuffers) buffer.Dispose();
                foreach (var (_, child) in children) child.Dispose();
                GC.SuppressFinalize(this);
            }
        }

        /// <summary>A module with one input and one output.</summary>
        public abstract class Module<TInput, TOutput> : Module
        {
            public abstract TOutput forward(TInput input);

            public TOutput call(TInput input) => forward(input);
        }
    }
}
