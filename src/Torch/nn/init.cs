namespace Repro.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>Weight initialisers, in place and without gradient tracking, as torch.nn.init.</summary>
        public static class init
        {
            /// <summary>fan_in = in × receptive field, fan_out = out × receptive field, for [out, in, k…] weights.</summary>
            public static (long fanIn, long fanOut) calculate_fan_in_and_fan_out(Tensor tensor)
            {
                var shape = tensor.shape;
                if (shape.Length < 2)
                    throw new ArgumentException($"fan in and fan out need at least 2 dimensions, got [{string.Join(", ", shape)}]");
                var receptive = shape.Skip(2).Aggregate(1L, (a, b) => a * b);
                return (shape[1] * receptive, shape[0] * receptive);
            }

            public static Tensor uniform_(Tensor tensor, double low, double high, Generator? generator = null)
            {
                using var _ = no_grad();
                return tensor.uniform_(low, high, generator);
            }

            public static Tensor zeros_(Tensor tensor)
            {
                using var _ = no_grad();
                return tensor.zero_();
            }

            /// <summary>Glorot/Xavier uniform: U(±gain·√(6/(fan_in+fan_out))).</summary>
            public static Tensor xavier_uniform_(Tensor tensor, double gain = 1.0, Generator? generator = null)
            {
                var (fanIn, fanOut) = calculate_fan_in_and_fan_out(tensor);
                var bound = gain * Math.Sqrt(6.0 / (fanIn + fanOut));
                return uniform_(tensor, -bound, bound, generator);
            }

            /// <summary>He/Kaiming uniform for leaky-ReLU slope a, fan-in mode: U(±√(6/((1+a²)·fan_in))).</summary>
            public static Tensor kaiming_uniform_(Tensor tensor, double a = 0, Generator? generator = null)
            {
                var (fanIn, _) = calculate_fan_in_and_fan_out(tensor);
                var bound = Math.Sqrt(6.0 / ((1 + a * a) * fanIn));
                return uniform_(tensor, -bound, bound, generator);
            }

            /// <summary>PyTorch's default for Linear and Conv layers: kaiming-uniform a=√5, bias U(±1/√fan_in).</summary>
            internal static void reset_like_pytorch(Tensor weight, Tensor? bias)
            {
                kaiming_uniform_(weight, Math.Sqrt(5));
                if (bias is null) return;
                var (fanIn, _) = calculate_fan_in_and_fan_out(weight);
                var bound = 1 / Math.Sqrt(fanIn);
                uniform_(bias, -bound, bound);
            }
        }
    }
}
