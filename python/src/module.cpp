// The deorbit Python module (_deorbit): each area binds itself (bind_*.cpp); this file only gathers them.
#include "bindings.h"

PYBIND11_MODULE(_deorbit, m) {
  m.doc() = "deorbit: astrodynamics for controlled re-entries (C++ core; see docs/python.md).";
  deorbit::python::bind_time(m);
  deorbit::python::bind_sgp4(m);
  deorbit::python::bind_models(m);
  deorbit::python::bind_commands(m);
}
