using Repro.Torch.Interop;

namespace Repro.Torch;

/// <summary>
/// A libtorch tensor. Its native memory is freed by <see cref="Dispose"/>, by the dispose scope
/// that was open when it was created, or, as a last resort, by its <see cref="TensorHandle"/>'s finalizer.
/// </summary>
public class Tensor : IDisposable
{
    private TensorHandle? handle;
    internal DisposeScope? scope;

    /// <summary>Takes ownership of a tensor the native shim returned (null when it failed, with the reason in its last error).</summary>
    internal Tensor(IntPtr handle) : this(new TensorHandle(TorchException.Check(handle)))
    {
    }

    internal Tensor(TensorHandle handle)
    {
        this.handle = handle;
        scope = DisposeScope.Current;
        scope?.Attach(this);
    }

    internal TensorHandle Handle => handle ?? throw new ObjectDisposedException(nameof(Tensor));

    public bool IsDisposed => handle is null;

    public long[] shape
    {
        get
        {
            var result = new long[dim()];
            unsafe
            {
                fixed (long* p = result) TorchException.Check(NativeMethods.rt_tensor_shape(Handle, p));
            }
            return result;
        }
    }

    public int dim() => NativeMethods.rt_tensor_ndim(Handle);

    public long numel() => NativeMethods.rt_tensor_numel(Handle);

    public long size(int dimension) => shape[dimension < 0 ? dimension + dim() : dimension];

    public ScalarType dtype => (ScalarType)NativeMethods.rt_tensor_dtype(Handle);

    public unsafe Device device
    {
        get
        {
            int type, index;
            TorchException.Check(NativeMethods.rt_tensor_device(Handle, &type, &index));
            return new Device((DeviceType)type, index);
        }
    }

    /// <summary>This tensor on <paramref name="target"/> (itself, shared, when it is already there).</summary>
    public Tensor to(Device target) => new(NativeMethods.rt_tensor_to_device(Handle, (int)target.type, target.index));

    public Tensor cpu() => to(torch.CPU);

    /// <summary>Replaces this tensor's storage with <paramref name="data"/>'s, in place: how a module moves its parameters.</summary>
    public void set_data(Tensor data) => TorchException.Check(NativeMethods.rt_tensor_set_data(Handle, data.Handle));

    public bool requires_grad
    {
        get => NativeMethods.rt_tensor_requires_grad(Handle) != 0;
        set => TorchException.Check(NativeMethods.rt_tensor_set_requires_grad(Handle, value ? 1 : 0));
    }

    /// <summary>The accumulated gradient, or null before the first backward pass.</summary>
    public Tensor? grad
    {
        get
        {
            TorchException.Check(NativeMethods.rt_tensor_grad(Handle, out var g));
            return g == IntPtr.Zero ? null : new Tensor(g);
        }
    }

    /// <summary>Makes the gradient undefined (<see cref="grad"/> null) until the next backward pass.</summary>
    public void clear_grad() => TorchException.Check(NativeMethods.rt_tensor_clear_grad(Handle));

    /// <summary>Copies the elements (row-major) into a new .NET array.</summary>
    public T[] data<T>() where T : unmanaged
    {
        if (dtype != ScalarTypes.Of<T>())
            throw new TorchException($"data<{typeof(T).Name}>() on a tensor of {dtype}; convert with to_type first");
        var result = new T[numel()];
        unsafe
        {
            fixed (T* p = result)
                TorchException.Check(NativeMethods.rt_tensor_copy_to(Handle, p, (long)result.Length * sizeof(T)));
        }
        return result;
    }

    public double ToDouble()
    {
        TorchException.Check(NativeMethods.rt_tensor_item(Handle, out var value));
        return value;
    }

    public long ToInt64() => (long)ToDouble();

    public void backward() => TorchException.Check(NativeMethods.rt_tensor_backward(Handle));

    public Tensor detach() => Unary(UnaryOp.Detach);
    public Tensor clone() => Unary(UnaryOp.Clone);
    public Tensor contiguous() => Unary(UnaryOp.Contiguous);
    public Tensor neg() => Unary(UnaryOp.Neg);
    public Tensor relu() => Unary(UnaryOp.Relu);
    public Tensor tanh() => Unary(UnaryOp.Tanh);
    public Tensor sigmoid() => Unary(UnaryOp.Sigmoid);
    public Tensor log() => Unary(UnaryOp.Log);
    public Tensor sqrt() => Unary(UnaryOp.Sqrt);
    public Tensor abs() => Unary(UnaryOp.Abs);
    public Tensor square() => Unary(UnaryOp.Square);
    public Tensor log1p() => Unary(UnaryOp.Log1p);
    public Tensor maximum(Tensor other) => Binary(other, BinaryOp.Maximum);

    public Tensor add(Tensor other) => Binary(other, BinaryOp.Add);
    public Tensor sub(Tensor other) => Binary(other, BinaryOp.Sub);
    public Tensor mul(Tensor other) => Binary(other, BinaryOp.Mul);
    public Tensor div(Tensor other) => Binary(other, BinaryOp.Div);
    public Tensor matmul(Tensor other) => Binary(other, BinaryOp.MatMul);
    public Tensor eq(Tensor other) => Binary(other, BinaryOp.Eq);

    public Tensor clamp(double min, double max) => new(NativeMethods.rt_clamp(Handle, min, max));

    public Tensor sum() => new(NativeMethods.rt_sum(Handle, 0, 0, 0));
    public Tensor sum(long dim, bool keepdim = false) => new(NativeMethods.rt_sum(Handle, dim, 1, keepdim ? 1 : 0));
    public Tensor mean() => new(NativeMethods.rt_mean(Handle, 0, 0, 0));
    public Tensor mean(long dim, bool keepdim = false) => new(NativeMethods.rt_mean(Handle, dim, 1, keepdim ? 1 : 0));
    public Tensor sum(long[] dims, bool keepdim = false) => Reduce(dims, keepdim, ReduceOp.Sum);
    public Tensor mean(long[] dims, bool keepdim = false) => Reduce(dims, keepdim, ReduceOp.Mean);
    public Tensor argmax(long dim, bool keepdim = false) => new(NativeMethods.rt_argmax(Handle, dim, keepdim ? 1 : 0));
    public Tensor softmax(long dim) => new(NativeMethods.rt_softmax(Handle, dim));

    public Tensor reshape(params long[] newShape)
    {
        unsafe
        {
            fixed (long* p = newShape) return new Tensor(NativeMethods.rt_reshape(Handle, p, newShape.Length));
        }
    }

    public Tensor flatten(long startDim = 0, long endDim = -1) => new(NativeMethods.rt_flatten(Handle, startDim, endDim));
    public Tensor index_select(long dim, Tensor index) => new(NativeMethods.rt_index_select(Handle, dim, index.Handle));
    public Tensor narrow(long dim, long start, long length) => new(NativeMethods.rt_narrow(Handle, dim, start, length));
    public Tensor pad(long[] pads, double value = 0)
    {
        unsafe
        {
            fixed (long* p = pads) return new Tensor(NativeMethods.rt_pad(Handle, p, pads.Length, value));
        }
    }

    public Tensor to_type(ScalarType type) => new(NativeMethods.rt_to_dtype(Handle, (int)type));

    public Tensor zero_() { TorchException.Check(NativeMethods.rt_zero_(Handle)); return this; }
    public Tensor copy_(Tensor source) { TorchException.Check(NativeMethods.rt_copy_(Handle, source.Handle)); return this; }
    public Tensor mul_(double value) { TorchException.Check(NativeMethods.rt_mul_scalar_(Handle, value)); return this; }
    public Tensor add_(Tensor other, double alpha = 1) { TorchException.Check(NativeMethods.rt_add_(Handle, other.Handle, alpha)); return this; }
    public Tensor addcmul_(Tensor a, Tensor b, double value = 1) { TorchException.Check(NativeMethods.rt_addcmul_(Handle, a.Handle, b.Handle, value)); return this; }
    public Tensor addcdiv_(Tensor a, Tensor b, double value = 1) { TorchException.Check(NativeMethods.rt_addcdiv_(Handle, a.Handle, b.Handle, value)); return this; }

    public Tensor uniform_(double low, double high, Generator? generator = null)
    {
        TorchException.Check(NativeMethods.rt_uniform_(Handle, low, high, generator?.Handle ?? GeneratorHandle.None));
        return this;
    }

    public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
    public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
    public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
    public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
    public static Tensor operator -(Tensor a) => a.neg();
    public static Tensor operator +(Tensor a, double b) => a.Scalar(b, BinaryOp.Add);
    public static Tensor operator -(Tensor a, double b) => a.Scalar(b, BinaryOp.Sub);
    public static Tensor operator *(Tensor a, double b) => a.Scalar(b, BinaryOp.Mul);
    public static Tensor operator /(Tensor a, double b) => a.Scalar(b, BinaryOp.Div);
    public static Tensor operator *(double a, Tensor b) => b.Scalar(a, BinaryOp.Mul);

    public override string ToString() => IsDisposed ? "Tensor(disposed)" : $"Tensor[{string.Join(", ", shape)}], type = {dtype}";

    /// <summary>Removes this tensor from its dispose scope; the caller now owns it.</summary>
    public Tensor DetachFromDisposeScope()
    {
        scope?.Detach(this);
        scope = null;
        return this;
    }

    /// <summary>Gives up this wrapper's native handle to a new owner (used to re-wrap a tensor as a parameter).</summary>
    internal TensorHandle TakeHandle()
    {
        var taken = Handle;
        scope?.Detach(this);
        scope = null;
        handle = null;
        return taken;
    }

    public void Dispose()
    {
        if (handle is null) return;
        scope?.Detach(this);
        scope = null;
        handle.Dispose();
        handle = null;
    }

    internal Tensor Reduce(long[] dims, bool keepdim, ReduceOp op)
    {
        unsafe
        {
            fixed (long* d = dims) return new Tensor(NativeMethods.rt_reduce_dims(Handle, d, dims.Length, keepdim ? 1 : 0, op));
        }
    }

    internal Tensor Unary(UnaryOp op) => new(NativeMethods.rt_unary(Handle, op));
    internal Tensor Binary(Tensor other, BinaryOp op) => new(NativeMethods.rt_binary(Handle, other.Handle, op));
    internal Tensor Scalar(double value, BinaryOp op) => new(NativeMethods.rt_binary_scalar(Handle, value, op));
}
