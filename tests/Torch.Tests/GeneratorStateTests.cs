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
    public void The_global_generator_state_restores_what_dropout_draws()
    {
        manual_seed(3);
        using (randperm(10)) { }
        using var state = get_rng_state();
        using var expected = randperm(1000);

        manual_seed(12345);
        set_rng_state(state);
        using var drawn = randperm(1000);

        Assert.Multiple(() =>
        {
            Assert.That(state.dtype, Is.EqualTo(ScalarType.Byte));
            Assert.That(drawn.data<long>(), Is.EqualTo(expected.data<long>()));
        });
    }

    [Test]
    public void A_state_that_is_not_a_generator_state_is_refused_with_libtorch_s_message()
    {
        using var generator = new Generator(1);
        using var wrong = tensor(new byte[] { 1, 2, 3 });

        Assert.That(() => generator.set_state(wrong), Throws.InstanceOf<TorchException>());
    }
}
