// Vector and matrix types. Every Vec3 in a public interface documents its unit and frame.
#pragma once

#include <Eigen/Core>
#include <Eigen/Geometry>  // cross products

namespace deorbit {
using Vec3 = Eigen::Vector3d;
using Mat3 = Eigen::Matrix3d;
}  // namespace deorbit
