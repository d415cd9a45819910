using static Repro.Torch.torch;

namespace Repro.Torch.Tests.Parity;

/// <summary>One forward and backward pass of a fresh module, with the results named as the fixtures name them.</summary>
internal static class ModuleRun
{
    /// <summary>
    /// Loads <paramref name="state"/>, runs forward on a leaf copy of <paramref name="input"/> and backward with
    /// <paramref name="upstream"/> (d(sum(y ⊙ u))/dy = u exactly, so this is PyTorch's y.backward(u)). Returns
    /// "output", "input_grad", "grad.*" and "after.*" (buffers); tensors live in the caller's dispose scope,
    /// buffers with the module.
    /// </summary>
    public static Dictionary<string, Tensor?> Run(nn.Module<Tensor, Tensor> module, IReadOnlyDictionary<string, float[]> state, Tensor input, Tensor upstream)
    {
        module.load_state_dict(state);
        var x = input.detach();
        x.requires_grad = true;
        var y = module.call(x);
        (y * upstream).sum().backward();
        var results = new Dictionary<string, Tensor?> { ["output"] = y, ["input_grad"] = x.grad };
        foreach (var (name, parameter) in module.named_parameters()) results["grad." + name] = parameter.grad;
        foreach (var (name, buffer) in module.named_buffers()) results["after." + name] = buffer;
        return results;
    }

    /// <summary>As <see cref="Run"/> on a module made for the purpose, with every result copied out.</summary>
    public static Dictionary<string, float[]> Values(Func<nn.Module<Tensor, Tensor>> create, IReadOnlyDictionary<string, float[]> state, Tensor input, Tensor upstream)
    {
        using var scope = NewDisposeScope();
        using var module = create();
        return Run(module, state, input, upstream).ToDictionary(r => r.Key, r => Parity.Floats(r.Value!));
    }
}
