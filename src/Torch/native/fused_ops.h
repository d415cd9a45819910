// Fused CPU kernels behind some of the C ABI's functions (see fused_ops.cpp). Each falls back to
// libtorch's composite operations for inputs the kernels do not cover (dtypes, devices, layouts).
#pragma once
#include <ATen/ATen.h>

#include <vector>

namespace repro {

// at::max_pool2d's values and gradients, bit for bit.
at::Tensor max_pool2d(const at::Tensor& input, at::IntArrayRef kernel, at::IntArrayRef stride, at::IntArrayRef padding,
                      at::IntArrayRef dilation, bool ceil_mode);

// Batch normalisation over dimension 1 with the batch mean and biased variance; then, without
// gradient, moving ← moving·momentum + batch·(1 − momentum) for the mean and the biased variance.
at::Tensor batch_norm_moving_average(const at::Tensor& input, const at::Tensor& gamma, const at::Tensor& beta,
                                     at::Tensor& moving_mean, at::Tensor& moving_variance, double momentum, double eps);

// l1·Σ|x| + l2·Σx², differentiable in x.
at::Tensor l1_l2_penalty(const at::Tensor& input, double l1, double l2);

// One Adam step for every parameter with a gradient, ε added to √v before the bias correction
// (the "epsilon hat" form of Kingma and Ba, section 2):
//   α = lr·√(1−β2ᵗ)/(1−β1ᵗ);  m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  p ← p − α·m/(√v + ε).
void adam_epsilon_hat_(const std::vector<at::Tensor>& parameters, const std::vector<at::Tensor>& first_moments,
                       const std::vector<at::Tensor>& second_moments, double lr, double beta1, double beta2, double eps,
                       int64_t step);

}  // namespace repro
