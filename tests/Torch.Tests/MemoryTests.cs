using static Repro.Torch.torch;

namespace Repro.Torch.Tests;

/// <summary>Training steps under a dispose scope must not accumulate native or managed memory.</summary>
public class MemoryTests
{
    [Test]
    public void Process_memory_stays_flat_over_2000_training_steps()
    {
        using var model = ModuleTests.LeNet5();
        using var adam = optim.Adam(model.parameters());
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

    private static double ResidentMegabytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:"));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }
}
