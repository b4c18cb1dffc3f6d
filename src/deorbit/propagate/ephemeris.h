// Ephemeris: the dense output of a whole run (every step), giving the state at any time inside it.
#pragma once

#include <algorithm>
#include <cmath>
#include <array>
#include <cstddef>
#include <memory>
#include <vector>

#include <fmt/format.h>

#include "deorbit/base/error.h"
#include "deorbit/propagate/dense_output.h"
#include "deorbit/propagate/integrate.h"
#include "deorbit/propagate/ode.h"
#include "deorbit/time/epoch.h"

namespace deorbit {

//! The pieces of one run (or of contiguous runs) in propagation order, forward or backward, each with the 7th-order
//! interpolant of its step. state(t) finds the piece by binary search and evaluates it: the error is that of the
//! integration (of the order of the tolerances), with no further interpolation error of note. Where an event reset
//! the state (an impulsive burn), two pieces meet at the same time; there state(t) returns the state after the
//! reset (the later piece in propagation order). Memory: about (8 N + 5) doubles per step, held in blocks of 32
//! pieces (never copied as the ephemeris grows, and small enough to stay out of the allocator's mmap path).
template <int N>
class Ephemeris {
 public:
  //! An empty ephemeris whose times count [s] from `reference`.
  explicit Ephemeris(const Epoch& reference = Epoch()) : reference_(reference) {}

  [[nodiscard]] const Epoch& reference() const { return reference_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  //! Number of pieces (one per step, plus one more at every event that cut a step).
  [[nodiscard]] std::size_t size() const { return size_; }
  //! The i-th piece in propagation order, 0 <= i < size().
  [[nodiscard]] const DensePiece<N>& piece(std::size_t i) const { return (*blocks_[i / kBlock])[i % kBlock]; }
  //! +1 for a forward ephemeris, -1 for a backward one (0 while empty).
  [[nodiscard]] int direction() const { return direction_; }

  //! [s] first and last time covered, in propagation order (first > last for a backward run). Empty: 0.
  [[nodiscard]] double t_first() const { return empty() ? 0.0 : piece(0).t_begin; }
  [[nodiscard]] double t_last() const { return empty() ? 0.0 : piece(size_ - 1).t_end; }
  [[nodiscard]] Epoch epoch_first() const { return reference_ + t_first(); }
  [[nodiscard]] Epoch epoch_last() const { return reference_ + t_last(); }

  //! True when t [s] lies in the covered interval (ends included).
  [[nodiscard]] bool covers(double t) const {
    return !empty() && t >= std::min(t_first(), t_last()) && t <= std::max(t_first(), t_last());
  }
  [[nodiscard]] bool covers(const Epoch& epoch) const { return covers(epoch - reference_); }

  //! The state at t [s since reference()]. Throws InputError outside the covered interval.
  [[nodiscard]] OdeState<N> state(double t) const { return piece_at(t).step(t); }
  //! The state at an epoch. Throws InputError outside the covered interval.
  [[nodiscard]] OdeState<N> state(const Epoch& epoch) const { return state(epoch - reference_); }

  //! The piece used for t (the later one where two meet). Throws InputError outside the covered interval.
  [[nodiscard]] const DensePiece<N>& piece_at(double t) const {
    if (!covers(t))
      throw InputError(fmt::format("ephemeris covers [{}, {}] s from its reference; t = {} s is outside",
                                   std::min(t_first(), t_last()), std::max(t_first(), t_last()), t));
    // Pieces are ordered by direction_ * t_begin; take the last one that begins at or before t.
    const double key = direction_ * t;
    auto it = std::upper_bound(keys_.begin(), keys_.end(), key);
    const std::size_t i = it == keys_.begin() ? 0 : static_cast<std::size_t>(it - keys_.begin()) - 1;
    return piece(i);
  }

  //! Adds a piece (times since `piece_reference`) that continues the last one: it must begin where the last
  //! ended (to 1e-9 s) and run in the same direction. Zero-length pieces are skipped. Throws InputError otherwise.
  void append(DensePiece<N> piece, const Epoch& piece_reference) {
    if (piece_reference != reference_) {
      const double shift = piece_reference - reference_;
      piece.t_begin += shift;
      piece.t_end += shift;
      piece.step.t0 += shift;
    }
    append(piece);
  }
  void append(const DensePiece<N>& piece) {
    if (piece.t_end == piece.t_begin) return;
    const int dir = piece.t_end > piece.t_begin ? 1 : -1;
    if (!empty()) {
      if (dir != direction_)
        throw InputError("ephemeris: a piece runs in the other direction than the ones before it");
      if (std::abs(piece.t_begin - t_last()) > 1e-9)
        throw InputError(fmt::format("ephemeris: a piece begins at t = {} s but the last one ended at t = {} s",
                                     piece.t_begin, t_last()));
    }
    direction_ = dir;
    if (size_ == blocks_.size() * kBlock) blocks_.push_back(std::make_unique<Block>());
    (*blocks_[size_ / kBlock])[size_ % kBlock] = piece;
    keys_.push_back(dir * piece.t_begin);
    ++size_;
  }

  //! A step handler for integrate() that appends every piece of the run to this ephemeris (kept by reference:
  //! the ephemeris must outlive the run).
  [[nodiscard]] StepHandler<N> recorder() {
    return [this](const StepView<N>& step) { append(step.piece(), step.reference()); };
  }

  //! Empties the ephemeris and keeps its memory for the next run.
  void clear() {
    size_ = 0;
    keys_.clear();
    direction_ = 0;
  }

  Ephemeris(const Ephemeris& other) : reference_(other.reference_) { copy_from(other); }
  Ephemeris& operator=(const Ephemeris& other) {
    if (this != &other) {
      reference_ = other.reference_;
      clear();
      copy_from(other);
    }
    return *this;
  }
  Ephemeris(Ephemeris&&) noexcept = default;
  Ephemeris& operator=(Ephemeris&&) noexcept = default;
  ~Ephemeris() = default;

 private:
  static constexpr std::size_t kBlock = 32;
  using Block = std::array<DensePiece<N>, kBlock>;

  void copy_from(const Ephemeris& other) {
    for (std::size_t i = 0; i < other.size(); ++i) append(other.piece(i));
  }

  Epoch reference_;
  int direction_ = 0;
  std::size_t size_ = 0;
  std::vector<double> keys_;                    // direction_ * t_begin of each piece, for the binary search
  std::vector<std::unique_ptr<Block>> blocks_;  // the pieces, kBlock per block
};

}  // namespace deorbit
