namespace Repro.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>A trainable tensor owned by a module; it never belongs to a dispose scope.</summary>
        public sealed class Parameter : Tensor
        {
            public Parameter(Tensor data, bool requires_grad = true) : base(data.detach().DetachFromDisposeScope().TakeHandle())
            {
                DetachFromDisposeScope();
                this.requires_grad = requires_grad;
            }
        }
    }
}
