/* C ABI over libtorch for Repro's managed binding (src/Torch).
 *
 * Conventions, so the managed side can check every call the same way:
 *  - Tensors and generators are opaque heap handles; the caller frees each with *_free.
 *  - A function returning a handle returns NULL on failure; one returning int returns
 *    RT_OK (0) or RT_ERROR (-1). On failure rt_last_error() holds libtorch's message
 *    (thread-local) until the next failing call on that thread.
 *  - No C++ exception ever crosses this boundary.
 *  - dtype arguments are c10::ScalarType codes (Byte 0, Int 3, Long 4, Float 6, Double 7, Bool 11).
 */
#pragma once
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RT_API __attribute__((visibility("default")))
#define RT_OK 0
#define RT_ERROR (-1)

typedef void* rt_tensor;
typedef void* rt_generator;

RT_API const char* rt_last_error(void);

/* Library and runtime information. Returned strings are owned by the library. */
RT_API const char* rt_torch_version(void);
RT_API const char* rt_build_config(void);
RT_API const char* rt_parallel_info(void);
RT_API int rt_cuda_is_available(void);
RT_API int rt_cuda_device_count(void);
/* Waits for every kernel queued on the current GPU (timing); an error without a GPU. */
RT_API int rt_cuda_synchronize(void);

/* Reproducibility switches of libtorch's global context: cuDNN deterministic and benchmark,
 * deterministic algorithms, TF32 in cuBLAS matmuls and cuDNN convolutions. Settable on CPU builds
 * too (they then change nothing). values5 receives them in that order as 0/1. */
RT_API int rt_set_determinism(int deterministic, int allow_tf32);
RT_API int rt_get_determinism(int* values5);
RT_API void rt_manual_seed(uint64_t seed);
RT_API int rt_set_num_threads(int threads);
RT_API int rt_get_num_threads(void);
RT_API int rt_set_grad_enabled(int enabled); /* returns the previous mode */

/* Generators (CPU). */
RT_API rt_generator rt_generator_new(uint64_t seed);
RT_API void rt_generator_free(rt_generator generator);
/* A generator's whole state as a uint8 tensor, and back. */
RT_API rt_tensor rt_generator_get_state(rt_generator generator);
RT_API int rt_generator_set_state(rt_generator generator, rt_tensor state);

/* Tensor lifetime and inspection. */
RT_API void rt_tensor_free(rt_tensor tensor);
RT_API rt_tensor rt_tensor_from_data(const void* data, const int64_t* shape, int ndim, int dtype);
RT_API int rt_tensor_copy_to(rt_tensor tensor, void* destination, int64_t bytes);
RT_API int rt_tensor_ndim(rt_tensor tensor);
RT_API int rt_tensor_shape(rt_tensor tensor, int64_t* shape);
RT_API int rt_tensor_dtype(rt_tensor tensor);
RT_API int64_t rt_tensor_numel(rt_tensor tensor);
RT_API int rt_tensor_item(rt_tensor tensor, double* value);
RT_API int rt_tensor_requires_grad(rt_tensor tensor);
RT_API int rt_tensor_set_requires_grad(rt_tensor tensor, int requires_grad);
RT_API int rt_tensor_grad(rt_tensor tensor, rt_tensor* grad); /* *grad = NULL when undefined */
RT_API int rt_tensor_clear_grad(rt_tensor tensor); /* the gradient becomes undefined; the next backward stores, not adds */
RT_API int rt_tensor_backward(rt_tensor tensor);

/* Devices: device_type 0 = CPU, 1 = CUDA; device_index -1 = the current device of that type. */
RT_API rt_tensor rt_tensor_to_device(rt_tensor tensor, int device_type, int device_index);
RT_API int rt_tensor_device(rt_tensor tensor, int* device_type, int* device_index);
/* Replaces the tensor's data (and so its device) in place, as Module.to does for parameters. */
RT_API int rt_tensor_set_data(rt_tensor tensor, rt_tensor data);

/* Creation. */
RT_API rt_tensor rt_zeros(const int64_t* shape, int ndim, int dtype);
RT_API rt_tensor rt_ones(const int64_t* shape, int ndim, int dtype);
RT_API rt_tensor rt_empty(const int64_t* shape, int ndim, int dtype);
RT_API rt_tensor rt_randperm(int64_t n, rt_generator generator); /* generator may be NULL */
RT_API rt_tensor rt_zeros_like(rt_tensor tensor);
RT_API rt_tensor rt_ones_like(rt_tensor tensor);

/* Element-wise and reductions. */
RT_API rt_tensor rt_unary(rt_tensor tensor, int op);          /* see RT_UNARY_* */
RT_API rt_tensor rt_binary(rt_tensor a, rt_tensor b, int op); /* see RT_BINARY_* */
RT_API rt_tensor rt_binary_scalar(rt_tensor a, double b, int op);
RT_API rt_tensor rt_clamp(rt_tensor tensor, double min, double max);
RT_API rt_tensor rt_sum(rt_tensor tensor, int64_t dim, int has_dim, int keepdim);
RT_API rt_tensor rt_mean(rt_tensor tensor, int64_t dim, int has_dim, int keepdim);
RT_API rt_tensor rt_argmax(rt_tensor tensor, int64_t dim, int keepdim);
RT_API rt_tensor rt_reduce_dims(rt_tensor tensor, const int64_t* dims, int ndims, int keepdim, int op); /* see RT_REDUCE_* */
RT_API rt_tensor rt_one_hot(rt_tensor labels, int64_t classes);
RT_API rt_tensor rt_softmax(rt_tensor tensor, int64_t dim);
/* Only the tests call log_softmax, as a reference (tests/Torch.Tests/Reference/ReferenceNativeMethods.cs). */
RT_API rt_tensor rt_log_softmax(rt_tensor tensor, int64_t dim);

/* Shape and indexing. */
RT_API rt_tensor rt_reshape(rt_tensor tensor, const int64_t* shape, int ndim);
RT_API rt_tensor rt_flatten(rt_tensor tensor, int64_t start_dim, int64_t end_dim);
RT_API rt_tensor rt_index_select(rt_tensor tensor, int64_t dim, rt_tensor index);
RT_API rt_tensor rt_narrow(rt_tensor tensor, int64_t dim, int64_t start, int64_t length);
RT_API rt_tensor rt_to_dtype(rt_tensor tensor, int dtype);
/* Constant padding, pads as torch.nn.functional.pad orders them: (left, right, top, bottom, ...). */
RT_API rt_tensor rt_pad(rt_tensor tensor, const int64_t* pads, int npads, double value);

/* Neural-network functions. bias may be NULL. */
RT_API rt_tensor rt_conv2d(rt_tensor input, rt_tensor weight, rt_tensor bias,
                           const int64_t* stride, const int64_t* padding, const int64_t* dilation, int64_t groups);
RT_API rt_tensor rt_max_pool2d(rt_tensor input, const int64_t* kernel, const int64_t* stride,
                               const int64_t* padding, const int64_t* dilation, int ceil_mode);
RT_API rt_tensor rt_linear(rt_tensor input, rt_tensor weight, rt_tensor bias);
/* generator NULL: libtorch's global generator of the input's device; else a CPU generator for a CPU input. */
RT_API rt_tensor rt_dropout(rt_tensor input, double p, int train, rt_generator generator);
RT_API rt_tensor rt_cross_entropy(rt_tensor input, rt_tensor target, int reduction); /* 0 none, 1 mean, 2 sum */
/* nll_loss, mse_loss and kl_div: only the parity tests call them, as references (tests/Torch.Tests/Reference/ReferenceNativeMethods.cs). */
RT_API rt_tensor rt_nll_loss(rt_tensor input, rt_tensor target, int reduction);
RT_API rt_tensor rt_mse_loss(rt_tensor input, rt_tensor target, int reduction);
/* input holds log-probabilities; target probabilities, or log-probabilities when log_target. */
RT_API rt_tensor rt_kl_div(rt_tensor input, rt_tensor target, int reduction, int log_target);
/* PyTorch's padding="same" (stride 1; an even kernel pads the extra row/column at the end). */
RT_API rt_tensor rt_conv2d_same(rt_tensor input, rt_tensor weight, rt_tensor bias, const int64_t* dilation, int64_t groups);
/* Batch normalisation over dimension 1 (at::batch_norm). weight, bias, running_mean and running_var
 * may be NULL. In training mode the running statistics are updated in place, as PyTorch does:
 * r = (1 - momentum) r + momentum s, with the unbiased batch variance for running_var. */
RT_API rt_tensor rt_batch_norm(rt_tensor input, rt_tensor weight, rt_tensor bias, rt_tensor running_mean,
                               rt_tensor running_var, int training, double momentum, double eps);
/* Batch normalisation over dimension 1 with the batch mean and biased variance, then (without
 * gradient) moving <- moving*momentum + batch*(1 - momentum) for the mean and the biased variance.
 * weight, bias and the moving statistics are required. */
RT_API rt_tensor rt_batch_norm_moving_average(rt_tensor input, rt_tensor weight, rt_tensor bias, rt_tensor moving_mean,
                                              rt_tensor moving_variance, double momentum, double eps);
/* l1*sum|x| + l2*sum x^2 as a scalar, differentiable in x. */
RT_API rt_tensor rt_l1_l2_penalty(rt_tensor input, double l1, double l2);

/* In place (return RT_OK / RT_ERROR). */
RT_API int rt_zero_(rt_tensor tensor);
RT_API int rt_copy_(rt_tensor destination, rt_tensor source);
RT_API int rt_uniform_(rt_tensor tensor, double low, double high, rt_generator generator);
RT_API int rt_mul_scalar_(rt_tensor tensor, double value);
RT_API int rt_add_(rt_tensor tensor, rt_tensor other, double alpha);
RT_API int rt_addcmul_(rt_tensor tensor, rt_tensor a, rt_tensor b, double value);
RT_API int rt_addcdiv_(rt_tensor tensor, rt_tensor a, rt_tensor b, double value);
/* One Adam step, under no gradient, for each of count parameters that has a gradient, with eps added
 * to sqrt(v) before the bias correction (Kingma and Ba's "epsilon hat"):
 *   a = lr*sqrt(1-beta2^step)/(1-beta1^step); m <- beta1*m + (1-beta1)*g; v <- beta2*v + (1-beta2)*g^2;
 *   p <- p - a*m/(sqrt(v) + eps). */
RT_API int rt_adam_epsilon_hat_(const rt_tensor* parameters, const rt_tensor* first_moments, const rt_tensor* second_moments,
                                int count, double lr, double beta1, double beta2, double eps, int64_t step);

enum {
  RT_UNARY_NEG = 0, RT_UNARY_RELU, RT_UNARY_TANH, RT_UNARY_SIGMOID, RT_UNARY_EXP, RT_UNARY_LOG,
  RT_UNARY_SQRT, RT_UNARY_ABS, RT_UNARY_DETACH, RT_UNARY_CLONE, RT_UNARY_CONTIGUOUS, RT_UNARY_SIGN,
  RT_UNARY_SQUARE, RT_UNARY_LOG1P
};
enum {
  RT_BINARY_ADD = 0, RT_BINARY_SUB, RT_BINARY_MUL, RT_BINARY_DIV, RT_BINARY_MATMUL, RT_BINARY_EQ, RT_BINARY_POW,
  RT_BINARY_MAXIMUM, RT_BINARY_MINIMUM
};
enum { RT_REDUCE_SUM = 0, RT_REDUCE_MEAN, RT_REDUCE_AMAX };

#ifdef __cplusplus
}
#endif
