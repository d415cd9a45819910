using static Repro.Torch.torch;

namespace Repro.Torch.Tests;

public class DisposeScopeTests
{
    [Test]
    public void Scope_frees_tensors_created_inside_it()
    {
        Tensor inner;
        using (var scope = NewDisposeScope())
        {
            inner = ones([3]) * 2;
            Assert.That(scope.Count, Is.EqualTo(2));
        }
        Assert.That(inner.IsDisposed, Is.True);
    }

    [Test]
    public void Module_parameters_never_belong_to_a_scope()
    {
        nn.Module model;
        using (NewDisposeScope())
        {
            model = nn.Linear(4, 2);
        }
        Assert.That(model.parameters().Select(p => p.IsDisposed), Is.All.False);
        model.Dispose();
        Assert.That(model.parameters().Select(p => p.IsDisposed), Is.All.True);
    }
}
