using System.Runtime.InteropServices;

namespace Repro.Torch.Interop;

/// <summary>P/Invoke declarations for the C ABI in native/repro_torch.h.</summary>
internal static partial class NativeMethods
{
    internal const string Library = "reprotorch";

    [LibraryImport(Library)] internal static partial IntPtr rt_last_error();
    [LibraryImport(Library)] internal static partial IntPtr rt_torch_version();
    [LibraryImport(Library)] internal static partial IntPtr rt_build_config();
    [LibraryImport(Library)] internal static partial IntPtr rt_parallel_info();
    [LibraryImport(Library)] internal static partial int rt_cuda_is_available();
    [LibraryImport(Library)] internal static partial int rt_cuda_device_count();
    [LibraryImport(Library)] internal static partial int rt_cuda_synchronize();
    [LibraryImport(Library)] internal static partial int rt_set_determinism(int deterministic, int allowTf32);
    [LibraryImport(Library)] internal static unsafe partial int rt_get_determinism(int* values5);
    [LibraryImport(Library)] internal static partial IntPtr rt_tensor_to_device(TensorHandle tensor, int deviceType, int deviceIndex);
    [LibraryImport(Library)] internal static unsafe partial int rt_tensor_device(TensorHandle tensor, int* deviceType, int* deviceIndex);
    [LibraryImport(Library)] internal static partial int rt_tensor_set_data(TensorHandle tensor, TensorHandle data);
    [LibraryImport(Library)] internal static partial IntPtr rt_zeros_like(TensorHandle tensor);
    [LibraryImport(Library)] internal static partial IntPtr rt_ones_like(TensorHandle tensor);
    [LibraryImport(Library)] internal static partial void rt_manual_seed(ulong seed);
    [LibraryImport(Library)] internal static partial int rt_set_num_threads(int threads);
    [LibraryImport(Library)] internal static partial int rt_get_num_threads();
    [LibraryImport(Library)] internal static partial int rt_set_grad_enabled(int enabled);

    [LibraryImport(Library)] internal static partial IntPtr rt_generator_new(ulong seed);
    [LibraryImport(Library)] internal static partial void rt_generator_free(IntPtr generator);
    [LibraryImport(Library)] internal static partial IntPtr rt_generator_get_state(GeneratorHandle generator);
    [LibraryImport(Library)] internal static partial int rt_generator_set_state(GeneratorHandle generator, TensorHandle state);

    [LibraryImport(Library)] internal static partial void rt_tensor_free(IntPtr tensor);
    [LibraryImport(Library)] internal static unsafe partial IntPtr rt_tensor_from_data(void* data, long* shape, int ndim, int dtype);
    [LibraryImport(Library)] internal static unsafe partial int rt_tensor_copy_to(TensorHandle tensor, void* destination, long bytes);
    [LibraryImport(Library)] internal static partial int rt_tensor_ndim(TensorHandle tensor);
    [LibraryImport(Library)] internal static unsafe partial int rt_tensor_shape(TensorHandle tensor, long* shape);
    [LibraryImport(Library)] internal static partial int rt_tensor_dtype(TensorHandle tensor);
    [LibraryImport(Library)] internal static partial long rt_tensor_numel(TensorHandle tensor);
    [LibraryImport(Library)] internal static partial int rt_tensor_item(TensorHandle tensor, out double value);
    [LibraryImport(Library)] internal static partial int rt_tensor_requires_grad(TensorHandle tensor);
    [LibraryImport(Library)] internal static partial int rt_tensor_set_requires_grad(TensorHandle tensor, int requiresGrad);
    [LibraryImport(Library)] internal static partial int rt_tensor_grad(TensorHandle tensor, out IntPtr grad);
    [LibraryImport(Library)] internal static partial int rt_tensor_clear_grad(TensorHandle tensor);
    [LibraryImport(Library)] internal static partial int rt_tensor_backward(TensorHandle tensor);

    [LibraryImport(Library)] internal static unsafe partial IntPtr rt_zeros(long* shape, int ndim, int dtype);
    [LibraryImport(Library)] internal static unsafe partial IntPtr rt_ones(long* shape, int ndim, int dtype);
    [LibraryImport(Library)] internal static unsafe partial IntPtr rt_empty(long* shape, int ndim, int dtype);
    [LibraryImport(Library)] internal static partial IntPtr rt_randperm(long n, GeneratorHandle generator);

    [LibraryImport(Library)] internal static partial IntPtr rt_unary(TensorHandle tensor, UnaryOp op);
    [LibraryImport(Library)] internal static partial IntPtr rt_binary(TensorHandle a, TensorHandle b, BinaryOp op);
    [LibraryImport(Library)] internal static partial IntPtr rt_binary_scalar(TensorHandle a, double b, BinaryOp op);
    [LibraryImport(Library)] internal static partial IntPtr rt_clamp(TensorHandle tensor, double min, double max);
    [LibraryImport(Library)] internal static partial IntPtr rt_sum(TensorHandle tensor, long dim, int hasDim, int keepdim);
    [LibraryImport(Library)] internal static partial IntPtr rt_mean(TensorHandle tensor, long dim, int hasDim, int keepdim);
    [LibraryImport(Library)] internal static partial IntPtr rt_argmax(TensorHandle tensor, long dim, int keepdim);
    [LibraryImport(Library)] internal static unsafe partial IntPtr rt_reduce_dims(TensorHandle tensor, long* dims, int ndims, int keepdim, ReduceOp op);
    [LibraryImport(Library)] internal static partial IntPtr rt_one_hot(TensorHandle labels, long classes);
    [LibraryImport(Library)] internal static partial IntPtr rt_softmax(TensorHandle tensor, long dim);

    [LibraryImport(Library)] internal static unsafe partial IntPtr rt_reshape(TensorHandle tensor, long* shape, int ndim);
    [LibraryImport(Library)] internal static partial IntPtr rt_flatten(TensorHandle tensor, long startDim, long endDim);
    [LibraryImport(Library)] internal static partial IntPtr rt_index_select(TensorHandle tensor, long dim, TensorHandle index);
    [LibraryImport(Library)] internal static partial IntPtr rt_narrow(TensorHandle tensor, long dim, long start, long length);
    [LibraryImport(Library)] internal static partial IntPtr rt_to_dtype(TensorHandle tensor, int dtype);
    [LibraryImport(Library)] internal static unsafe partial IntPtr rt_pad(TensorHandle tensor, long* pads, int npads, double value);

    [LibraryImport(Library)]
    internal static unsafe partial IntPtr rt_conv2d(TensorHandle input, TensorHandle weight, TensorHandle bias, long* stride, long* padding, long* dilation, long groups);
    [LibraryImport(Library)]
    internal static unsafe partial IntPtr rt_max_pool2d(TensorHandle input, long* kernel, long* stride, long* padding, long* dilation, int ceilMode);
    [LibraryImport(Library)] internal static partial IntPtr rt_linear(TensorHandle input, TensorHandle weight, TensorHandle bias);
    [LibraryImport(Library)] internal static partial IntPtr rt_dropout(TensorHandle input, double p, int train, GeneratorHandle generator);
    [LibraryImport(Library)] internal static partial IntPtr rt_cross_entropy(TensorHandle input, TensorHandle target, int reduction);
    [LibraryImport(Library)]
    internal static unsafe partial IntPtr rt_conv2d_same(TensorHandle input, TensorHandle weight, TensorHandle bias, long* dilation, long groups);
    [LibraryImport(Library)]
    internal static partial IntPtr rt_batch_norm(TensorHandle input, TensorHandle weight, TensorHandle bias, TensorHandle runningMean, TensorHandle runningVar, int training, double momentum, double eps);
    [LibraryImport(Library)]
    internal static partial IntPtr rt_batch_norm_moving_average(TensorHandle input, TensorHandle weight, TensorHandle bias, TensorHandle movingMean, TensorHandle movingVariance, double momentum, double eps);
    [LibraryImport(Library)] internal static partial IntPtr rt_l1_l2_penalty(TensorHandle input, double l1, double l2);
    [LibraryImport(Library)]
    internal static unsafe partial int rt_adam_epsilon_hat_(IntPtr* parameters, IntPtr* firstMoments, IntPtr* secondMoments, int count,
        double lr, double beta1, double beta2, double eps, long step);

    [LibraryImport(Library)] internal static partial int rt_zero_(TensorHandle tensor);
    [LibraryImport(Library)] internal static partial int rt_copy_(TensorHandle destination, TensorHandle source);
    [LibraryImport(Library)] internal static partial int rt_uniform_(TensorHandle tensor, double low, double high, GeneratorHandle generator);
    [LibraryImport(Library)] internal static partial int rt_mul_scalar_(TensorHandle tensor, double value);
    [LibraryImport(Library)] internal static partial int rt_add_(TensorHandle tensor, TensorHandle other, double alpha);
    [LibraryImport(Library)] internal static partial int rt_addcmul_(TensorHandle tensor, TensorHandle a, TensorHandle b, double value);
    [LibraryImport(Library)] internal static partial int rt_addcdiv_(TensorHandle tensor, TensorHandle a, TensorHandle b, double value);
}

internal enum UnaryOp { Neg = 0, Relu, Tanh, Sigmoid, Exp, Log, Sqrt, Abs, Detach, Clone, Contiguous, Sign, Square, Log1p }

internal enum BinaryOp { Add = 0, Sub, Mul, Div, MatMul, Eq, Pow, Maximum, Minimum }

internal enum ReduceOp { Sum = 0, Mean, AMax }

internal static partial class NativeMethods
{
    // Function pointers to the shape factories, so zeros/ones/empty share one wrapper.
    internal static unsafe delegate*<long*, int, int, IntPtr> rt_zeros_ptr => &rt_zeros;
    internal static unsafe delegate*<long*, int, int, IntPtr> rt_ones_ptr => &rt_ones;
    internal static unsafe delegate*<long*, int, int, IntPtr> rt_empty_ptr => &rt_empty;
}
