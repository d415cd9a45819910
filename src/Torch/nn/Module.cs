namespace Repro.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// Base of all modules: named parameters and sub-modules, and the training flag that
        /// dropout (and later batch normalisation) reads. Modeled on TorchSharp's Module.
        /// </summary>
        public abstract class Module : IDisposable
        {
            private readonly List<(string Name, Parameter Parameter)> ownParameters = [];
            private readonly List<(string Name, Module Module)> children = [];

            protected Module(string name) => GetName = name;

            public string GetName { get; }

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

            public IEnumerable<(string name, Module module)> named_children() => children.Select(c => (c.Name, c.Module));

            public void Dispose()
            {
                foreach (var (_, parameter) in ownParameters) parameter.Dispose();
                foreach (var (_, child) in children) child.Dispose();
                GC.SuppressFinalize(this);
            }
        }

        /// <summary>A module with one input and one output.</summary>
        public abstract class Module<TInput, TOutput>(string name) : Module(name)
        {
            public abstract TOutput forward(TInput input);

            public TOutput call(TInput input) => forward(input);
        }
    }
}
