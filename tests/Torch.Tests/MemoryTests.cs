using Repro.Torch.Tests.Reference;
using static Repro.Torch.torch;

namespace Repro.Torch.Tests;

/// <summary>Training steps under a dispose scope must not accumulate native or managed memory.</summary>
public class MemoryTests
{
    [Test]
    public void Process_memory_stays_flat_over_2000_training_steps()
    {
        using var model = ModuleTests.LeNet5();
        using var adam = new Adam(model.parameters());
        using var generator = new Generator(5);
        using var images = empty([256, 1, 28, 28]).uniform_(0, 1, generator);
        using var labels = tensor(Enumerable.Range(0, 256).Select(i => (long)(i % 10)).ToArray());

        void Step(int i)
        {
            using var scope = NewDisposeScope();
            using var index = randperm(256, generator).narrow(0, 0, 32);
            adam.zero_grad();
            var loss = nn.functional.cross_entropy(model.call(images.index_select(0, index)), labels.index_select(0, index));
            loss.backward();
            adam.step();
        }

        for (var i = 0; i < 200; i++) Step(i); // warm-up: allocator pools and JIT settle
        var afterWarmUp = ResidentMegabytes();
        for (var i = 200; i < 2000; i++) Step(i);
        var atEnd = ResidentMegabytes();

        TestContext.Out.WriteLine($"resident memory: {afterWarmUp:F1} MiB after 200 steps, {atEnd:F1} MiB after 2000 steps");
        Assert.That(atEnd - afterWarmUp, Is.LessThan(16), "resident memory grew over 1,800 training steps");
    }

    /// <summary>BatchNorm updates its running statistics in place every step; neither they nor their temporaries may pile up.</summary>
    [Test]
    public void Batch_normalisation_and_the_new_optimizers_do_not_leak_over_2000_steps()
    {
        using var model = nn.Sequential(
            nn.Conv2d(1, 4, 3, nn.Padding.Same), new BatchNorm2d(4), new Tanh(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(4 * 6 * 6, 16), new BatchNorm1d(16), new Sigmoid(), nn.Linear(16, 10));
        var parameters = model.parameters().ToList();
        using var sgd = new SGD(parameters, 0.01, momentum: 0.9);
        using var nadam = new NAdam(parameters);
        using var generator = new Generator(6);
        using var images = empty([64, 1, 12, 12]).uniform_(0, 1, generator);
        using var labels = tensor(Enumerable.Range(0, 64).Select(i => (long)(i % 10)).ToArray());
        var buffers = model.buffers().ToList();

        void Step(int i)
        {
            using var scope = NewDisposeScope();
            using var index = randperm(64, generator).narrow(0, 0, 16);
            optim.Optimizer optimizer = i % 2 == 0 ? sgd : nadam;
            optimizer.zero_grad();
            var output = model.call(images.index_select(0, index));
            var loss = nn.functional.cross_entropy(output, labels.index_select(0, index)) +
                       PyTorchLosses.kl_div(output.log_softmax(1), output.softmax(1).detach(), "batchmean");
            loss.backward();
            optimizer.step();
        }

        for (var i = 0; i < 200; i++) Step(i);
        var afterWarmUp = ResidentMegabytes();
        for (var i = 200; i < 2000; i++) Step(i);
        var atEnd = ResidentMegabytes();

        TestContext.Out.WriteLine($"resident memory: {afterWarmUp:F1} MiB after 200 steps, {atEnd:F1} MiB after 2000 steps");
        Assert.That(atEnd - afterWarmUp, Is.LessThan(16), "resident memory grew over 1,800 training steps");
        Assert.That(model.buffers(), Is.EqualTo(buffers), "the running statistics must stay the same tensors");
        Assert.That(buffers.Select(b => b.IsDisposed), Is.All.False);
    }

    /// <summary>A tensor outside every scope that nobody disposes is still freed, by its native handle's finalizer.</summary>
    [Test]
    public void Tensors_nobody_disposes_are_freed_once_unreachable()
    {
        static void Abandon() => _ = zeros([256 * 1024]); // 1 MiB, written, so resident
        for (var i = 0; i < 20; i++) Abandon();
        var before = ResidentMegabytes();
        for (var i = 0; i < 500; i++)
        {
            Abandon();
            if (i % 50 == 49) ResidentMegabytes();
        }
        var after = ResidentMegabytes();

        TestContext.Out.WriteLine($"resident memory: {before:F1} MiB before, {after:F1} MiB after abandoning 500 MiB of tensors");
        Assert.That(after - before, Is.LessThan(100), "abandoned tensors were not freed");
    }

    [Test]
    public void A_disposed_tensor_or_generator_says_so_when_used()
    {
        var tensor = ones([2]);
        tensor.Dispose();
        tensor.Dispose();
        var generator = new Generator(1);
        generator.Dispose();
        Assert.Multiple(() =>
        {
            Assert.That(tensor.IsDisposed, Is.True);
            Assert.Throws<ObjectDisposedException>(() => tensor.sum());
            Assert.Throws<ObjectDisposedException>(() => generator.get_state());
            Assert.Throws<ObjectDisposedException>(() => randperm(4, generator));
        });
    }

    private static double ResidentMegabytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:"));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }
}
