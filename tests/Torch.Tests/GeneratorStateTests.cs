using static Repro.Torch.torch;

namespace Repro.Torch.Tests;

/// <summary>A generator's saved state continues its stream exactly: what a resumed training's shuffling and dropout rely on.</summary>
public class GeneratorStateTests
{
    [Test]
    public void A_restored_generator_draws_what_the_original_drew_next()
    {
        using var original = new Generator(7);
        using (randperm(50, original)) { }
        using var state = original.get_state();
        using var expected = randperm(50, original);

        using var restored = new Generator(99);
        restored.set_state(state);
        using var drawn = randperm(50, restored);

        Assert.That(drawn.data<long>(), Is.EqualTo(expected.data<long>()));
    }

    [Test]
    public void Dropout_from_a_generator_draws_the_mask_the_global_generator_seeded_alike_draws()
    {
        using var scope = NewDisposeScope();
        var x = ones([64, 50]);
        manual_seed(3);
        var fromGlobal = nn.functional.dropout(x, 0.6, training: true).data<float>();
        using var generator = new Generator(3);
        var fromGenerator = nn.functional.dropout(x, 0.6, training: true, generator: generator).data<float>();

        Assert.That(fromGenerator, Is.EqualTo(fromGlobal));
        Assert.That(fromGenerator.Count(v => v == 0), Is.InRange(1600, 2240), "about 60 % of 3,200 values dropped");
    }

    [Test]
    public void A_state_that_is_not_a_generator_state_is_refused_with_libtorch_s_message()
    {
        using var generator = new Generator(1);
        using var wrong = tensor(new byte[] { 1, 2, 3 });

        Assert.That(() => generator.set_state(wrong), Throws.InstanceOf<TorchException>());
    }
}
