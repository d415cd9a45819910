// Fused CPU kernels for the operations that dominate a small CNN's training step once the
// convolutions and matrix products are as fast as oneDNN and BLAS make them. libtorch 1.13's
// own kernels for these run several passes over NCHW tensors with a temporary each (max
// pooling alone costs about as much as the forward convolution of report-sized models); each
// kernel here makes one or two passes. They run for contiguous float32 CPU tensors; anything
// else (other dtypes, CUDA) takes the composite libtorch path, which computes the same function.
//
// No -march flags: the loops vectorise for the baseline x86-64 ISA, so a given input gives the
// same bits on every x86-64 processor. Sums run in float lanes of 16 values, gathered in double.
#include "fused_ops.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace repro {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

bool plain_cpu_float(const at::Tensor& t) {
  return t.defined() && t.device().is_cpu() && t.scalar_type() == at::kFloat && t.is_contiguous();
}

// (Σ f(k), Σ g(k)) over k in [0, n): blocks of 256 terms summed in float, in the SIMD lanes the
// compiler chose (omp simd allows that reassociation for this loop only; a plain running sum does
// not vectorise without -ffast-math), and the blocks added in double. The order is fixed by the
// binary, so the result is too.
template <typename F, typename G>
std::pair<double, double> lane_sums(int64_t n, F f, G g) {
  constexpr int64_t block = 256;
  double total_f = 0, total_g = 0;
  for (int64_t k = 0; k < n; k += block) {
    const int64_t end = std::min(n, k + block);
    float acc_f = 0, acc_g = 0;
#pragma omp simd reduction(+ : acc_f, acc_g)
    for (int64_t i = k; i < end; ++i) {
      acc_f += f(i);
      acc_g += g(i);
    }
    total_f += acc_f;
    total_g += acc_g;
  }
  return {total_f, total_g};
}

// libtorch's rule for the next value v of a window scanned in row-major order: it replaces the
// maximum so far when larger, or when NaN (so the last NaN wins; v != v is the NaN test).
inline bool replaces_max(float v, float best) { return v > best || v != v; }

// The first maximum of (a, b, c, d) in that order and its position 0–3; branch-free.
inline void first_max(float a, float b, float c, float d, float& best, int32_t& position) {
  best = a;
  position = 0;
  const float candidates[3] = {b, c, d};
  for (int32_t k = 0; k < 3; ++k) {
    const float v = candidates[k];
    const bool take = replaces_max(v, best);
    best = take ? v : best;
    position = take ? k + 1 : position;
  }
}

// The common 2×2 window with stride 2 over one plane of width w.
void pool_2x2(const float* x, float* y, int32_t* arg, int64_t oh, int64_t ow, int64_t w) {
  for (int64_t i = 0; i < oh; ++i) {
    const float* top = x + 2 * i * w;
    const float* bottom = top + w;
    for (int64_t j = 0; j < ow; ++j) {
      float best;
      int32_t position;
      first_max(top[2 * j], top[2 * j + 1], bottom[2 * j], bottom[2 * j + 1], best, position);
      y[i * ow + j] = best;
      arg[i * ow + j] = static_cast<int32_t>((2 * i + (position >> 1)) * w + 2 * j + (position & 1));
    }
  }
}

// Max pooling with libtorch's rule for the gradient: the first maximum of a window in row-major
// order takes it, and a NaN counts as a maximum (aten/src/ATen/native/cpu/MaxPoolKernel.cpp), so
// values and gradients are bit-identical to at::max_pool2d's. Indices are kept as int32 offsets
// into the input plane (half of libtorch's int64).
struct MaxPool2d : public torch::autograd::Function<MaxPool2d> {
  static at::Tensor forward(AutogradContext* ctx, const at::Tensor& input, int64_t kh, int64_t kw, int64_t sh, int64_t sw) {
    const int64_t n = input.size(0), c = input.size(1), h = input.size(2), w = input.size(3);
    const int64_t oh = (h - kh) / sh + 1, ow = (w - kw) / sw + 1;
    at::Tensor output = at::empty({n, c, oh, ow}, input.options());
    at::Tensor indices = at::empty({n, c, oh, ow}, input.options().dtype(at::kInt));
    const float* in = input.data_ptr<float>();
    float* out = output.data_ptr<float>();
    int32_t* arg = indices.data_ptr<int32_t>();
    at::parallel_for(0, n * c, 1, [&](int64_t begin, int64_t end) {
      for (int64_t plane = begin; plane < end; ++plane) {
        const float* x = in + plane * h * w;
        float* y = out + plane * oh * ow;
        int32_t* a = arg + plane * oh * ow;
        if (kh == 2 && kw == 2 && sh == 2 && sw == 2) {
          pool_2x2(x, y, a, oh, ow, w);
          continue;
        }
        for (int64_t i = 0; i < oh; ++i) {
          for (int64_t j = 0; j < ow; ++j) {
            const int64_t top = i * sh, left = j * sw;
            int64_t best_index = top * w + left;
            float best = -std::numeric_limits<float>::infinity();
            for (int64_t r = top; r < top + kh; ++r) {
              for (int64_t s = left; s < left + kw; ++s) {
                const float v = x[r * w + s];
                const bool take = replaces_max(v, best);
                best = take ? v : best;
                best_index = take ? r * w + s : best_index;
              }
            }
            y[i * ow + j] = best;
            a[i * ow + j] = static_cast<int32_t>(best_index);
          }
        }
      }
    });
    ctx->save_for_backward({indices});
    ctx->saved_data["input_shape"] = input.sizes().vec();
    return output;
  }

  static variable_list backward(AutogradContext* ctx, variable_list grad_outputs) {
    const at::Tensor indices = ctx->get_saved_variables()[0];
    const auto shape = ctx->saved_data["input_shape"].toIntVector();
    const at::Tensor grad_output = grad_outputs[0].contiguous();
    at::Tensor grad_input = at::zeros(shape, grad_output.options());
    const int64_t planes = shape[0] * shape[1], plane_in = shape[2] * shape[3];
    const int64_t plane_out = indices.size(2) * indices.size(3);
    const float* g = grad_output.data_ptr<float>();
    const int32_t* arg = indices.data_ptr<int32_t>();
    float* gi = grad_input.data_ptr<float>();
    at::parallel_for(0, planes, 1, [&](int64_t begin, int64_t end) {
      for (int64_t plane = begin; plane < end; ++plane) {
        for (int64_t k = 0; k < plane_out; ++k) gi[plane * plane_in + arg[plane * plane_out + k]] += g[plane * plane_out + k];
      }
    });
    return {grad_input, at::Tensor(), at::Tensor(), at::Tensor(), at::Tensor()};
  }
};

// Per-channel mean and biased variance of an [N, C, S] float tensor: the mean first, then the mean
// squared deviation from it (two passes, so no cancellation).
void channel_moments(const at::Tensor& x, std::vector<double>& mean, std::vector<double>& variance) {
  const int64_t n = x.size(0), c = x.size(1), s = x.numel() / (n * c);
  const float* data = x.data_ptr<float>();
  mean.assign(c, 0.0);
  variance.assign(c, 0.0);
  const auto none = [](int64_t) { return 0.0f; };
  at::parallel_for(0, c, 1, [&](int64_t begin, int64_t end) {
    for (int64_t ch = begin; ch < end; ++ch) {
      double sum = 0;
      for (int64_t b = 0; b < n; ++b) {
        const float* p = data + (b * c + ch) * s;
        sum += lane_sums(s, [p](int64_t k) { return p[k]; }, none).first;
      }
      const double m = sum / static_cast<double>(n * s);
      const float mf = static_cast<float>(m);
      double squares = 0;
      for (int64_t b = 0; b < n; ++b) {
        const float* p = data + (b * c + ch) * s;
        squares += lane_sums(s, [p, mf](int64_t k) { return (p[k] - mf) * (p[k] - mf); }, none).first;
      }
      mean[ch] = m;
      variance[ch] = squares / static_cast<double>(n * s);
    }
  });
}

// y = (x − μ)·invstd·γ + β over channels (dimension 1), with μ and invstd given (computed from the
// batch by the caller) and treated in the backward pass as the functions of x they are.
struct BatchNormTraining : public torch::autograd::Function<BatchNormTraining> {
  static at::Tensor forward(AutogradContext* ctx, const at::Tensor& input, const at::Tensor& gamma, const at::Tensor& beta,
                            const at::Tensor& mean, const at::Tensor& invstd) {
    const int64_t n = input.size(0), c = input.size(1), s = input.numel() / (n * c);
    at::Tensor output = at::empty_like(input);
    const float* x = input.data_ptr<float>();
    float* y = output.data_ptr<float>();
    const double* mu = mean.data_ptr<double>();
    const double* is = invstd.data_ptr<double>();
    const float* g = gamma.data_ptr<float>();
    const float* b = beta.data_ptr<float>();
    at::parallel_for(0, n * c, 1, [&](int64_t begin, int64_t end) {
      for (int64_t plane = begin; plane < end; ++plane) {
        const int64_t ch = plane % c;
        const float scale = static_cast<float>(is[ch] * g[ch]);
        const float shift = static_cast<float>(b[ch] - mu[ch] * is[ch] * g[ch]);
        const float* p = x + plane * s;
        float* q = y + plane * s;
        for (int64_t k = 0; k < s; ++k) q[k] = p[k] * scale + shift;
      }
    });
    ctx->save_for_backward({input, gamma, mean, invstd});
    return output;
  }

  // dβ = Σdy, dγ = Σdy·x̂, dx = γ·invstd·(dy − dβ/M − x̂·dγ/M), with x̂ = (x − μ)·invstd and M values per channel.
  static variable_list backward(AutogradContext* ctx, variable_list grad_outputs) {
    const auto saved = ctx->get_saved_variables();
    const at::Tensor& input = saved[0];
    const at::Tensor& gamma = saved[1];
    const double* mu = saved[2].data_ptr<double>();
    const double* is = saved[3].data_ptr<double>();
    const at::Tensor dy = grad_outputs[0].contiguous();
    const int64_t n = input.size(0), c = input.size(1), s = input.numel() / (n * c);
    const double count = static_cast<double>(n * s);
    at::Tensor grad_input = at::empty_like(input);
    at::Tensor grad_gamma = at::empty_like(gamma);
    at::Tensor grad_beta = at::empty_like(gamma);
    const float* x = input.data_ptr<float>();
    const float* d = dy.data_ptr<float>();
    const float* g = gamma.data_ptr<float>();
    float* dx = grad_input.data_ptr<float>();
    float* dg = grad_gamma.data_ptr<float>();
    float* db = grad_beta.data_ptr<float>();
    at::parallel_for(0, c, 1, [&](int64_t begin, int64_t end) {
      for (int64_t ch = begin; ch < end; ++ch) {
        double sum_dy = 0, sum_dy_centred = 0;
        const float mf = static_cast<float>(mu[ch]);
        for (int64_t b = 0; b < n; ++b) {
          const float* p = x + (b * c + ch) * s;
          const float* q = d + (b * c + ch) * s;
          const auto [dy, dy_centred] = lane_sums(s, [q](int64_t k) { return q[k]; }, [p, q, mf](int64_t k) { return q[k] * (p[k] - mf); });
          sum_dy += dy;
          sum_dy_centred += dy_centred;
        }
        db[ch] = static_cast<float>(sum_dy);
        dg[ch] = static_cast<float>(sum_dy_centred * is[ch]);
        // dx = a·dy + b·x + c per channel.
        const double a = g[ch] * is[ch];
        const double bx = -a * is[ch] * is[ch] * sum_dy_centred / count;
        const double cx = -a * sum_dy / count - bx * mu[ch];
        const float af = static_cast<float>(a), bf = static_cast<float>(bx), cf = static_cast<float>(cx);
        for (int64_t b = 0; b < n; ++b) {
          const float* p = x + (b * c + ch) * s;
          const float* q = d + (b * c + ch) * s;
          float* r = dx + (b * c + ch) * s;
          for (int64_t k = 0; k < s; ++k) r[k] = af * q[k] + bf * p[k] + cf;
        }
      }
    });
    return {grad_input, grad_gamma, grad_beta, at::Tensor(), at::Tensor()};
  }
};

// l1·Σ|x| + l2·Σx² as a scalar of x's dtype; gradient l1·sign(x) + 2·l2·x (sign(0) = 0, as libtorch's abs).
struct L1L2Penalty : public torch::autograd::Function<L1L2Penalty> {
  static at::Tensor forward(AutogradContext* ctx, const at::Tensor& input, double l1, double l2) {
    const float* x = input.data_ptr<float>();
    const int64_t count = input.numel();
    const auto [absolute, squares] = lane_sums(count, [x](int64_t k) { return std::fabs(x[k]); }, [x](int64_t k) { return x[k] * x[k]; });
    ctx->save_for_backward({input});
    ctx->saved_data["l1"] = l1;
    ctx->saved_data["l2"] = l2;
    // A zero factor leaves its term out, so an infinite x does not turn 0·∞ into NaN.
    return at::scalar_tensor((l1 != 0 ? l1 * absolute : 0.0) + (l2 != 0 ? l2 * squares : 0.0), input.options());
  }

  static variable_list backward(AutogradContext* ctx, variable_list grad_outputs) {
    const at::Tensor input = ctx->get_saved_variables()[0];
    const float l1 = static_cast<float>(ctx->saved_data["l1"].toDouble());
    const float l2 = static_cast<float>(2 * ctx->saved_data["l2"].toDouble());
    const float g = grad_outputs[0].item<float>();
    at::Tensor grad_input = at::empty_like(input);
    const float* x = input.data_ptr<float>();
    float* dx = grad_input.data_ptr<float>();
    const int64_t count = input.numel();
    for (int64_t k = 0; k < count; ++k) {
      const float sign = static_cast<float>((x[k] > 0) - (x[k] < 0));
      dx[k] = g * ((l1 != 0 ? l1 * sign : 0.0f) + (l2 != 0 ? l2 * x[k] : 0.0f));
    }
    return {grad_input, at::Tensor(), at::Tensor()};
  }
};

}  // namespace

at::Tensor max_pool2d(const at::Tensor& input, at::IntArrayRef kernel, at::IntArrayRef stride, at::IntArrayRef padding,
                      at::IntArrayRef dilation, bool ceil_mode) {
  const bool plain_window = !ceil_mode && padding[0] == 0 && padding[1] == 0 && dilation[0] == 1 && dilation[1] == 1;
  if (!plain_cpu_float(input) || input.dim() != 4 || !plain_window || input.size(2) < kernel[0] || input.size(3) < kernel[1] ||
      input.size(2) * input.size(3) > std::numeric_limits<int32_t>::max()) {
    return at::max_pool2d(input, kernel, stride, padding, dilation, ceil_mode);
  }
  return MaxPool2d::apply(input, kernel[0], kernel[1], stride[0], stride[1]);
}

at::Tensor batch_norm_moving_average(const at::Tensor& input, const at::Tensor& gamma, const at::Tensor& beta,
                                     at::Tensor& moving_mean, at::Tensor& moving_variance, double momentum, double eps) {
  TORCH_CHECK(input.dim() >= 2, "batch_norm_moving_average: expected an input of at least 2 dimensions, got ", input.dim());
  TORCH_CHECK(input.numel() / input.size(1) > 1, "batch_norm_moving_average: expected more than 1 value per channel, got input of shape ",
              input.sizes());
  at::Tensor mean, variance;
  at::Tensor output;
  if (plain_cpu_float(input) && plain_cpu_float(gamma) && plain_cpu_float(beta)) {
    std::vector<double> m, v;
    channel_moments(input, m, v);
    mean = at::tensor(m, at::TensorOptions().dtype(at::kDouble));
    variance = at::tensor(v, at::TensorOptions().dtype(at::kDouble));
    output = BatchNormTraining::apply(input, gamma, beta, mean, (variance + eps).rsqrt());
  } else {
    std::vector<int64_t> reduced;
    for (int64_t d = 0; d < input.dim(); ++d) {
      if (d != 1) reduced.push_back(d);
    }
    {
      at::NoGradGuard no_grad;
      const at::Tensor kept = input.mean(reduced, true);
      mean = kept.flatten();
      variance = (input - kept).square().mean(reduced);
    }
    // With no running statistics, at::batch_norm normalises with the batch mean and biased variance.
    output = at::batch_norm(input, gamma, beta, {}, {}, true, 0.0, eps, true);
  }
  at::NoGradGuard no_grad;
  moving_mean.mul_(momentum).add_(mean.to(moving_mean.scalar_type()), 1 - momentum);
  moving_variance.mul_(momentum).add_(variance.to(moving_variance.scalar_type()), 1 - momentum);
  return output;
}

at::Tensor l1_l2_penalty(const at::Tensor& input, double l1, double l2) {
  if (!plain_cpu_float(input)) {
    at::Tensor penalty = at::zeros({}, input.options());
    if (l1 != 0) penalty = penalty + input.abs().sum() * l1;
    if (l2 != 0) penalty = penalty + input.square().sum() * l2;
    return penalty;
  }
  return L1L2Penalty::apply(input, l1, l2);
}

void adam_epsilon_hat_(const std::vector<at::Tensor>& parameters, const std::vector<at::Tensor>& first_moments,
                       const std::vector<at::Tensor>& second_moments, double lr, double beta1, double beta2, double eps,
                       int64_t step) {
  at::NoGradGuard no_grad;
  const double alpha = lr * std::sqrt(1 - std::pow(beta2, static_cast<double>(step))) / (1 - std::pow(beta1, static_cast<double>(step)));
  for (size_t i = 0; i < parameters.size(); ++i) {
    at::Tensor parameter = parameters[i];
    const at::Tensor& grad = parameter.grad();
    if (!grad.defined()) continue;
    at::Tensor m = first_moments[i], v = second_moments[i];
    if (!(plain_cpu_float(parameter) && plain_cpu_float(grad) && plain_cpu_float(m) && plain_cpu_float(v))) {
      m.mul_(beta1).add_(grad, 1 - beta1);
      v.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
      parameter.addcdiv_(m, v.sqrt() + eps, -alpha);
      continue;
    }
    const float b1 = static_cast<float>(beta1), c1 = static_cast<float>(1 - beta1);
    const float b2 = static_cast<float>(beta2), c2 = static_cast<float>(1 - beta2);
    const float a = static_cast<float>(alpha), e = static_cast<float>(eps);
    float* __restrict p = parameter.data_ptr<float>();
    const float* __restrict g = grad.data_ptr<float>();
    float* __restrict mp = m.data_ptr<float>();
    float* __restrict vp = v.data_ptr<float>();
    at::parallel_for(0, parameter.numel(), 16384, [&](int64_t begin, int64_t end) {
      for (int64_t k = begin; k < end; ++k) {
        mp[k] = mp[k] * b1 + g[k] * c1;
        vp[k] = vp[k] * b2 + g[k] * g[k] * c2;
        p[k] -= a * mp[k] / (std::sqrt(vp[k]) + e);
      }
    });
  }
}

}  // namespace repro
