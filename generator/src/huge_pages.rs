//! Transparent huge pages, chosen per command.
//!
//! mimalloc asks the kernel for huge pages (2 MiB) for its segments. Reading
//! a corpus then takes a few hundred page faults instead of ~28,000 (English
//! 2021), which makes `docgen ir` about 14% faster. But a huge page is backed
//! whole as soon as it is touched, which raises `generate`'s peak on a huge
//! page past 10× its size (190 MB against 182 MB on the 20 MB table page of
//! `devtools bench-big-page`), so `generate` turns them off for itself.

/// Turns transparent huge pages off for the rest of this process: memory
/// faulted from now on comes in 4 KiB pages, whatever mimalloc advises.
#[cfg(target_os = "linux")]
pub fn turn_off() {
    // SAFETY: PR_SET_THP_DISABLE takes plain integer arguments and only sets
    // a flag of this process's memory map; an error (an old kernel) leaves
    // huge pages as they were, which is only slower, so it is ignored.
    let _ = unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
}

#[cfg(not(target_os = "linux"))]
pub fn turn_off() {}
