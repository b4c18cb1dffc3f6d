# Warnings are errors on project code (third-party headers come in as SYSTEM and stay quiet).
function(deorbit_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                         -Wcast-align -Wunused -Woverloaded-virtual -Wimplicit-fallthrough
                         -Werror)
endfunction()
