# A fresh clone tests itself: no file under tests/ or bench/, nor a CMakeLists.txt, may name the reference-data
# folder that sits beside the developers' checkouts (the tests read tests/data only; see tests/data/README.md).
# The patterns are spelt with character classes so that this file does not name the folder itself.
# Run as: cmake -DROOT=<repo> -P check_self_contained.cmake
if(NOT ROOT)
  message(FATAL_ERROR "pass -DROOT=<repo>")
endif()
set(patterns "[.][.]/shared" "[.][.][\\\\]shared" "SHARED[_]DATA")
file(GLOB_RECURSE files LIST_DIRECTORIES false RELATIVE ${ROOT}
     ${ROOT}/tests/* ${ROOT}/bench/* ${ROOT}/CMakeLists.txt ${ROOT}/*/CMakeLists.txt ${ROOT}/cmake/*)
set(found 0)
foreach(f ${files})
  file(STRINGS ${ROOT}/${f} lines)
  set(n 0)
  foreach(line IN LISTS lines)
    math(EXPR n "${n}+1")
    foreach(p ${patterns})
      if(line MATCHES "${p}")
        message(SEND_ERROR "${f}:${n}: names the shared reference folder (copy the file into tests/data): ${line}")
        math(EXPR found "${found}+1")
      endif()
    endforeach()
  endforeach()
endforeach()
if(found GREATER 0)
  message(FATAL_ERROR "${found} line(s) name the shared reference folder")
endif()
list(LENGTH files count)
message(STATUS "self-contained: ${count} files checked")
