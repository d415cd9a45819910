// Implementation of the C ABI in repro_torch.h. Every entry point catches C++ exceptions and
// turns them into a thread-local message, so a bad shape or dtype surfaces in .NET as an
// exception carrying libtorch's own text instead of terminating the process.
//
// Only APIs present in both libtorch 1.13 (Debian) and 2.x (CUDA builds) are used.
#include "repro_torch.h"

#include "fused_ops.h"

#include <ATen/Parallel.h>
#include <ATen/Version.h>
#include <torch/cuda.h>
#include <torch/torch.h>
#include <torch/version.h>

#include <cstring>
#include <malloc.h>
#include <string>

namespace {

thread_local std::string last_error;

at::Tensor& T(rt_tensor handle) { return *static_cast<at::Tensor*>(handle); }

rt_tensor wrap(at::Tensor tensor) { return new at::Tensor(std::move(tensor)); }

c10::optional<at::Generator> generator_or_default(rt_generator handle) {
  if (handle == nullptr) return c10::nullopt;
  return *static_cast<at::Generator*>(handle);
}

at::IntArrayRef dims(const int64_t* shape, int ndim) { return at::IntArrayRef(shape, static_cast<size_t>(ndim)); }

at::TensorOptions options(int dtype) { return at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)); }

void fail(const char* message) { last_error = message; }

// A training step allocates and frees the same few large tensors every time. With glibc's
// defaults each of them above 128 KiB is either mmap'ed and unmapped, or returned to the system
// by trimming the heap, and touched again page by page: a third of a small CNN's step was spent
// in page faults. Keeping blocks up to 64 MiB on the heap and trimming only past 256 MiB free
// makes the step reuse its memory; the resident size then stays at the step's peak.
[[gnu::constructor]] void keep_freed_memory_for_reuse() {
#ifdef __GLIBC__
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
}

}  // namespace

// Evaluates `expression` (which yields a tensor) and returns its handle, or NULL with the error recorded.
#define RT_TENSOR(expression)                                   \
  try {                                                         \
    return wrap(expression);                                    \
  } catch (const c10::Error& e) {                               \
    fail(e.what_without_backtrace());                           \
  } catch (const std::exception& e) {                           \
    fail(e.what());                                             \
  }                                                             \
  return nullptr;

// Runs `statements` and returns RT_OK, or RT_ERROR with the error recorded.
#define RT_STATUS(statements)                                   \
  try {                                                         \
    statements;                                                 \
    return RT_OK;                                               \
  } catch (const c10::Error& e) {                               \
    fail(e.what_without_backtrace());                           \
  } catch (const std::exception& e) {                           \
    fail(e.what());                                             \
  }                                                             \
  return RT_ERROR;

extern "C" {

const char* rt_last_error(void) { return last_error.c_str(); }

const char* rt_torch_version(void) { return TORCH_VERSION; }

const char* rt_build_config(void) {
  static const std::string config = at::show_config();
  return config.c_str();
}

const char* rt_parallel_info(void) {
  thread_local std::string info;
  info = at::get_parallel_info();
  return info.c_str();
}

int rt_cuda_is_available(void) { return torch::cuda::is_available() ? 1 : 0; }

int rt_cuda_device_count(void) { return static_cast<int>(torch::cuda::device_count()); }

int rt_cuda_synchronize(void) { RT_STATUS(torch::cuda::synchronize()) }

int rt_set_determinism(int deterministic, int allow_tf32) {
  RT_STATUS({
    auto& context = at::globalContext();
    context.setDeterministicCuDNN(deterministic != 0);
    context.setBenchmarkCuDNN(deterministic == 0);
    context.setDeterministicAlgorithms(deterministic != 0, false);
    context.setAllowTF32CuBLAS(allow_tf32 != 0);
    context.setAllowTF32CuDNN(allow_tf32 != 0);
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 1)
    // From 2.1 deterministic mode also fills every new uninitialised tensor with NaN: a full extra write per
    // allocation that 1.13 never made. Repro writes every element it allocates, so the fill changes no result.
    context.setDeterministicFillUninitializedMemory(false);
#endif
  })
}

int rt_get_determinism(int* values5) {
  RT_STATUS({
    auto& context = at::globalContext();
    values5[0] = context.deterministicCuDNN() ? 1 : 0;
    values5[1] = context.benchmarkCuDNN() ? 1 : 0;
    values5[2] = context.deterministicAlgorithms() ? 1 : 0;
    values5[3] = context.allowTF32CuBLAS() ? 1 : 0;
    values5[4] = context.allowTF32CuDNN() ? 1 : 0;
  })
}

void rt_manual_seed(uint64_t seed) { torch::manual_seed(seed); }

int rt_set_num_threads(int threads) { RT_STATUS(at::set_num_threads(threads)) }

int rt_get_num_threads(void) { return at::get_num_threads(); }

int rt_set_grad_enabled(int enabled) {
  bool previous = at::GradMode::is_enabled();
  at::GradMode::set_enabled(enabled != 0);
  return previous ? 1 : 0;
}

rt_generator rt_generator_new(uint64_t seed) {
  try {
    return new at::Generator(at::detail::createCPUGenerator(seed));
  } catch (const std::exception& e) {
    fail(e.what());
  }
  return nullptr;
}

void rt_generator_free(rt_generator generator) { delete static_cast<at::Generator*>(generator); }

rt_tensor rt_generator_get_state(rt_generator generator) {
  RT_TENSOR([&] {
    at::Generator& target = *static_cast<at::Generator*>(generator);
    // Held as PyTorch's torch.get_rng_state holds it: another thread may be drawing from the generator.
    std::lock_guard<std::mutex> lock(target.mutex());
    return target.get_state();
  }())
}

int rt_generator_set_state(rt_generator generator, rt_tensor state) {
  RT_STATUS({
    at::Generator& target = *static_cast<at::Generator*>(generator);
    std::lock_guard<std::mutex> lock(target.mutex());
    target.set_state(T(state));
  })
}

void rt_tensor_free(rt_tensor tensor) { delete static_cast<at::Tensor*>(tensor); }

rt_tensor rt_tensor_from_data(const void* data, const int64_t* shape, int ndim, int dtype) {
  RT_TENSOR([&] {
    at::Tensor tensor = at::empty(dims(shape, ndim), options(dtype));
    std::memcpy(tensor.data_ptr(), data, tensor.nbytes());
    return tensor;
  }())
}

int rt_tensor_copy_to(rt_tensor tensor, void* destination, int64_t bytes) {
  RT_STATUS({
    at::Tensor source = T(tensor).detach().to(at::kCPU).contiguous();
    TORCH_CHECK(static_cast<int64_t>(source.nbytes()) == bytes, "copy_to: the tensor holds ", source.nbytes(),
                " bytes but the destination has ", bytes);
    std::memcpy(destination, source.data_ptr(), source.nbytes());
  })
}

int rt_tensor_ndim(rt_tensor tensor) { return static_cast<int>(T(tensor).dim()); }

int rt_tensor_shape(rt_tensor tensor, int64_t* shape) {
  auto sizes = T(tensor).sizes();
  std::copy(sizes.begin(), sizes.end(), shape);
  return RT_OK;
}

int rt_tensor_dtype(rt_tensor tensor) { return static_cast<int>(T(tensor).scalar_type()); }

int64_t rt_tensor_numel(rt_tensor tensor) { return T(tensor).numel(); }

rt_tensor rt_tensor_to_device(rt_tensor tensor, int device_type, int device_index) {
  RT_TENSOR(T(tensor).to(at::Device(device_type == 1 ? at::kCUDA : at::kCPU, static_cast<c10::DeviceIndex>(device_index))))
}

int rt_tensor_device(rt_tensor tensor, int* device_type, int* device_index) {
  RT_STATUS({
    auto device = T(tensor).device();
    *device_type = device.is_cuda() ? 1 : 0;
    *device_index = device.has_index() ? device.index() : -1;
  })
}

int rt_tensor_set_data(rt_tensor tensor, rt_tensor data) { RT_STATUS(T(tensor).set_data(T(data))) }

int rt_tensor_item(rt_tensor tensor, double* value) { RT_STATUS(*value = T(tensor).item<double>()) }

int rt_tensor_requires_grad(rt_tensor tensor) { return T(tensor).requires_grad() ? 1 : 0; }

int rt_tensor_set_requires_grad(rt_tensor tensor, int requires_grad) {
  RT_STATUS(T(tensor).requires_grad_(requires_grad != 0))
}

int rt_tensor_grad(rt_tensor tensor, rt_tensor* grad) {
  RT_STATUS({
    const at::Tensor& g = T(tensor).grad();
    *grad = g.defined() ? wrap(g) : nullptr;
  })
}

int rt_tensor_clear_grad(rt_tensor tensor) { RT_STATUS(T(tensor).mutable_grad().reset()) }

int rt_tensor_backward(rt_tensor tensor) { RT_STATUS(T(tensor).backward()) }

rt_tensor rt_zeros(const int64_t* shape, int ndim, int dtype) { RT_TENSOR(at::zeros(dims(shape, ndim), options(dtype))) }

rt_tensor rt_ones(const int64_t* shape, int ndim, int dtype) { RT_TENSOR(at::ones(dims(shape, ndim), options(dtype))) }

rt_tensor rt_empty(const int64_t* shape, int ndim, int dtype) { RT_TENSOR(at::empty(dims(shape, ndim), options(dtype))) }

rt_tensor rt_zeros_like(rt_tensor tensor) { RT_TENSOR(at::zeros_like(T(tensor))) }

rt_tensor rt_ones_like(rt_tensor tensor) { RT_TENSOR(at::ones_like(T(tensor))) }

rt_tensor rt_randperm(int64_t n, rt_generator generator) {
  RT_TENSOR(at::randperm(n, generator_or_default(generator), at::TensorOptions().dtype(at::kLong)))
}

rt_tensor rt_unary(rt_tensor tensor, int op) {
  RT_TENSOR([&] {
    const at::Tensor& x = T(tensor);
    switch (op) {
      case RT_UNARY_NEG: return x.neg();
      case RT_UNARY_RELU: return x.relu();
      case RT_UNARY_TANH: return x.tanh();
      case RT_UNARY_SIGMOID: return x.sigmoid();
      case RT_UNARY_EXP: return x.exp();
      case RT_UNARY_LOG: return x.log();
      case RT_UNARY_SQRT: return x.sqrt();
      case RT_UNARY_ABS: return x.abs();
      case RT_UNARY_DETACH: return x.detach();
      case RT_UNARY_CLONE: return x.clone();
      case RT_UNARY_CONTIGUOUS: return x.contiguous();
      case RT_UNARY_SIGN: return x.sign();
      case RT_UNARY_SQUARE: return x.square();
      case RT_UNARY_LOG1P: return x.log1p();
    }
    TORCH_CHECK(false, "unknown unary operation ", op);
  }())
}

rt_tensor rt_binary(rt_tensor a, rt_tensor b, int op) {
  RT_TENSOR([&] {
    const at::Tensor& x = T(a);
    const at::Tensor& y = T(b);
    switch (op) {
      case RT_BINARY_ADD: return x.add(y);
      case RT_BINARY_SUB: return x.sub(y);
      case RT_BINARY_MUL: return x.mul(y);
      case RT_BINARY_DIV: return x.div(y);
      case RT_BINARY_MATMUL: return x.matmul(y);
      case RT_BINARY_EQ: return x.eq(y);
      case RT_BINARY_POW: return x.pow(y);
      case RT_BINARY_MAXIMUM: return at::maximum(x, y);
      case RT_BINARY_MINIMUM: return at::minimum(x, y);
    }
    TORCH_CHECK(false, "unknown binary operation ", op);
  }())
}

rt_tensor rt_binary_scalar(rt_tensor a, double b, int op) {
  RT_TENSOR([&] {
    const at::Tensor& x = T(a);
    switch (op) {
      case RT_BINARY_ADD: return x.add(b);
      case RT_BINARY_SUB: return x.sub(b);
      case RT_BINARY_MUL: return x.mul(b);
      case RT_BINARY_DIV: return x.div(b);
      case RT_BINARY_EQ: return x.eq(b);
      case RT_BINARY_POW: return x.pow(b);
    }
    TORCH_CHECK(false, "operation ", op, " has no scalar form");
  }())
}

rt_tensor rt_clamp(rt_tensor tensor, double min, double max) { RT_TENSOR(T(tensor).clamp(min, max)) }

rt_tensor rt_sum(rt_tensor tensor, int64_t dim, int has_dim, int keepdim) {
  RT_TENSOR(has_dim ? T(tensor).sum(dim, keepdim != 0) : T(tensor).sum())
}

rt_tensor rt_mean(rt_tensor tensor, int64_t dim, int has_dim, int keepdim) {
  RT_TENSOR(has_dim ? T(tensor).mean(dim, keepdim != 0) : T(tensor).mean())
}

rt_tensor rt_reduce_dims(rt_tensor tensor, const int64_t* dims_, int ndims, int keepdim, int op) {
  RT_TENSOR([&] {
    const at::Tensor& x = T(tensor);
    auto d = dims(dims_, ndims);
    switch (op) {
      case RT_REDUCE_SUM: return x.sum(d, keepdim != 0);
      case RT_REDUCE_MEAN: return x.mean(d, keepdim != 0);
      case RT_REDUCE_AMAX: return x.amax(d, keepdim != 0);
    }
    TORCH_CHECK(false, "unknown reduction ", op);
  }())
}

rt_tensor rt_one_hot(rt_tensor labels, int64_t classes) { RT_TENSOR(at::one_hot(T(labels), classes)) }

rt_tensor rt_argmax(rt_tensor tensor, int64_t dim, int keepdim) { RT_TENSOR(T(tensor).argmax(dim, keepdim != 0)) }

rt_tensor rt_softmax(rt_tensor tensor, int64_t dim) { RT_TENSOR(at::softmax(T(tensor), dim)) }

rt_tensor rt_log_softmax(rt_tensor tensor, int64_t dim) { RT_TENSOR(at::log_softmax(T(tensor), dim)) }

rt_tensor rt_reshape(rt_tensor tensor, const int64_t* shape, int ndim) { RT_TENSOR(T(tensor).reshape(dims(shape, ndim))) }

rt_tensor rt_flatten(rt_tensor tensor, int64_t start_dim, int64_t end_dim) {
  RT_TENSOR(T(tensor).flatten(start_dim, end_dim))
}

rt_tensor rt_index_select(rt_tensor tensor, int64_t dim, rt_tensor index) {
  RT_TENSOR(T(tensor).index_select(dim, T(index)))
}

rt_tensor rt_narrow(rt_tensor tensor, int64_t dim, int64_t start, int64_t length) {
  RT_TENSOR(T(tensor).narrow(dim, start, length))
}

rt_tensor rt_pad(rt_tensor tensor, const int64_t* pads, int npads, double value) {
  RT_TENSOR(at::constant_pad_nd(T(tensor), dims(pads, npads), value))
}

rt_tensor rt_to_dtype(rt_tensor tensor, int dtype) { RT_TENSOR(T(tensor).to(static_cast<at::ScalarType>(dtype))) }

rt_tensor rt_conv2d(rt_tensor input, rt_tensor weight, rt_tensor bias, const int64_t* stride, const int64_t* padding,
                    const int64_t* dilation, int64_t groups) {
  RT_TENSOR(at::conv2d(T(input), T(weight), bias ? T(bias) : at::Tensor(), dims(stride, 2), dims(padding, 2),
                       dims(dilation, 2), groups))
}

rt_tensor rt_max_pool2d(rt_tensor input, const int64_t* kernel, const int64_t* stride, const int64_t* padding,
                        const int64_t* dilation, int ceil_mode) {
  RT_TENSOR(repro::max_pool2d(T(input), dims(kernel, 2), dims(stride, 2), dims(padding, 2), dims(dilation, 2),
                              ceil_mode != 0))
}

rt_tensor rt_linear(rt_tensor input, rt_tensor weight, rt_tensor bias) {
  RT_TENSOR(at::linear(T(input), T(weight), bias ? T(bias) : at::Tensor()))
}

rt_tensor rt_dropout(rt_tensor input, double p, int train, rt_generator generator) {
  RT_TENSOR([&]() -> at::Tensor {
    if (generator == nullptr || train == 0 || p == 0) return at::dropout(T(input), p, train != 0);
    // at::dropout's own steps on the CPU (aten/src/ATen/native/Dropout.cpp, _dropout_impl), with the
    // noise drawn from the given generator: seeded alike, the same bits as from the global one.
    // The generator is a CPU generator, so the noise is drawn on the CPU whatever the input's device
    // and copied there: one seed gives the same masks on every device.
    const at::Tensor& x = T(input);
    if (p == 1) return x * at::zeros({}, x.options());
    at::Tensor noise = at::empty(x.sizes(), x.options().device(at::kCPU), at::MemoryFormat::Contiguous);
    noise.bernoulli_(1 - p, generator_or_default(generator));
    noise.div_(1 - p);
    return x * (x.is_cpu() ? noise : noise.to(x.device()));
  }())
}

rt_tensor rt_cross_entropy(rt_tensor input, rt_tensor target, int reduction) {
  RT_TENSOR(at::cross_entropy_loss(T(input), T(target), {}, reduction))
}

rt_tensor rt_nll_loss(rt_tensor input, rt_tensor target, int reduction) {
  RT_TENSOR(at::nll_loss(T(input), T(target), {}, reduction))
}

rt_tensor rt_mse_loss(rt_tensor input, rt_tensor target, int reduction) {
  RT_TENSOR(at::mse_loss(T(input), T(target), reduction))
}

rt_tensor rt_kl_div(rt_tensor input, rt_tensor target, int reduction, int log_target) {
  RT_TENSOR(at::kl_div(T(input), T(target), reduction, log_target != 0))
}

rt_tensor rt_conv2d_same(rt_tensor input, rt_tensor weight, rt_tensor bias, const int64_t* dilation, int64_t groups) {
  // The string-padding overload (conv2d.padding) exists in 1.13 and 2.x; it computes the
  // asymmetric padding of even kernels exactly as torch.nn.functional.conv2d(padding="same").
  RT_TENSOR(at::conv2d(T(input), T(weight), bias ? T(bias) : at::Tensor(), at::IntArrayRef({1, 1}), "same",
                       dims(dilation, 2), groups))
}

rt_tensor rt_batch_norm(rt_tensor input, rt_tensor weight, rt_tensor bias, rt_tensor running_mean,
                        rt_tensor running_var, int training, double momentum, double eps) {
  auto or_undefined = [](rt_tensor t) { return t ? T(t) : at::Tensor(); };  // NULL means "none"
  // cudnn_enabled = true, as torch.nn.functional.batch_norm passes torch.backends.cudnn.enabled (default on).
  RT_TENSOR(at::batch_norm(T(input), or_undefined(weight), or_undefined(bias), or_undefined(running_mean), or_undefined(running_var),
                           training != 0, momentum, eps, true))
}

rt_tensor rt_batch_norm_moving_average(rt_tensor input, rt_tensor weight, rt_tensor bias, rt_tensor moving_mean,
                                       rt_tensor moving_variance, double momentum, double eps) {
  RT_TENSOR(repro::batch_norm_moving_average(T(input), T(weight), T(bias), T(moving_mean), T(moving_variance), momentum, eps))
}

rt_tensor rt_l1_l2_penalty(rt_tensor input, double l1, double l2) { RT_TENSOR(repro::l1_l2_penalty(T(input), l1, l2)) }

int rt_zero_(rt_tensor tensor) { RT_STATUS(T(tensor).zero_()) }

int rt_copy_(rt_tensor destination, rt_tensor source) { RT_STATUS(T(destination).copy_(T(source))) }

int rt_uniform_(rt_tensor tensor, double low, double high, rt_generator generator) {
  RT_STATUS(T(tensor).uniform_(low, high, generator_or_default(generator)))
}

int rt_mul_scalar_(rt_tensor tensor, double value) { RT_STATUS(T(tensor).mul_(value)) }

int rt_add_(rt_tensor tensor, rt_tensor other, double alpha) { RT_STATUS(T(tensor).add_(T(other), alpha)) }

int rt_addcmul_(rt_tensor tensor, rt_tensor a, rt_tensor b, double value) {
  RT_STATUS(T(tensor).addcmul_(T(a), T(b), value))
}

int rt_addcdiv_(rt_tensor tensor, rt_tensor a, rt_tensor b, double value) {
  RT_STATUS(T(tensor).addcdiv_(T(a), T(b), value))
}

int rt_adam_epsilon_hat_(const rt_tensor* parameters, const rt_tensor* first_moments, const rt_tensor* second_moments,
                         int count, double lr, double beta1, double beta2, double eps, int64_t step) {
  RT_STATUS({
    auto tensors = [count](const rt_tensor* handles) {
      std::vector<at::Tensor> list;
      for (int i = 0; i < count; ++i) list.push_back(T(handles[i]));
      return list;
    };
    repro::adam_epsilon_hat_(tensors(parameters), tensors(first_moments), tensors(second_moments), lr, beta1, beta2, eps, step);
  })
}

}  // extern "C"
