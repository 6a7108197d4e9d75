//! The `sahifa` binary: everything lives in the library; this only hands over the arguments.

/// Extraction and loading allocate many small strings and maps per article; mimalloc serves them
/// faster than the system allocator (a tenth of extraction's time went to glibc's malloc/free).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    sahifa::run(std::env::args_os())
}
