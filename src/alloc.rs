//! The memory allocator: the system's (glibc's `malloc`) for every command, and
//! mimalloc once [`use_mimalloc`] is called, which `ecsxc lsp` does at start.
//!
//! A compile of a large program makes millions of small allocations, which mimalloc
//! serves in about half the time glibc takes: the language server answers a change to a
//! 1,000-service file a third sooner. But mimalloc serving a short command sets up
//! memory that costs more than it saves (a trial: `ecsxc build examples/nginx.ecsx`
//! 2.0 → 3.9 ms), so the one-shot commands keep the system allocator. Linked but
//! unused, mimalloc costs them nothing measurable (docs/building.md).
//!
//! Memory the system allocator gave before the switch is freed by it after the switch:
//! a block goes back to mimalloc only when mimalloc says it is one of its own
//! (`mi_is_in_heap_region`). The switch is one way, so while it is off no block can be
//! mimalloc's. At the switch mimalloc is given one range of addresses to serve from
//! first (an arena); a block in that range is known to be mimalloc's by two
//! comparisons, and only a block outside it is asked about (the blocks of the system
//! allocator, and any mimalloc had to find elsewhere once the range is full).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use libmimalloc_sys as mi;

/// The largest alignment that `mi_malloc` gives every block of at least that size.
const MI_MIN_ALIGN: usize = 16;

/// Whether `mi_malloc` (faster than `mi_malloc_aligned`) aligns a block of `size`
/// bytes enough for `align` (the rule of Rust's own `System` allocator).
fn plain(align: usize, size: usize) -> bool {
    align <= MI_MIN_ALIGN && align <= size
}

/// Whether new blocks come from mimalloc.
static MIMALLOC: AtomicBool = AtomicBool::new(false);

/// The range of addresses reserved for mimalloc at the switch (`start..end`; empty when
/// the reservation failed or the switch is off).
static ARENA_START: AtomicUsize = AtomicUsize::new(0);
static ARENA_END: AtomicUsize = AtomicUsize::new(0);

/// How much address space the switch reserves (committed as the operating system
/// commits, so untouched pages cost nothing): far more than a language server on a
/// file of `MAX_SOURCE_BYTES` uses.
const ARENA_BYTES: usize = 1 << 30;

extern "C" {
    /// The start and size of an arena (mimalloc.h; not in `libmimalloc-sys`).
    fn mi_arena_area(arena_id: mi::mi_arena_id_t, size: *mut usize) -> *mut std::ffi::c_void;
}

/// From now on, new memory comes from mimalloc (for long-running commands).
pub fn use_mimalloc() {
    if MIMALLOC.load(Ordering::SeqCst) {
        return;
    }
    // SAFETY: sets up this thread's mimalloc heap (a reservation draws its random
    // address hint from it) without taking any memory from an arena.
    unsafe { mi::mi_thread_init() };
    let mut id: mi::mi_arena_id_t = 0;
    // SAFETY: reserves fresh address space for mimalloc; no block is touched. Committed
    // up front, as mimalloc's own arenas are on Linux (which overcommits): no page is
    // made accessible one by one later.
    if unsafe { mi::mi_reserve_os_memory_ex(ARENA_BYTES, true, false, false, &mut id) } == 0 {
        let mut size = 0;
        // SAFETY: `id` names the arena just reserved.
        let start = unsafe { mi_arena_area(id, &mut size) } as usize;
        if start != 0 {
            ARENA_START.store(start, Ordering::SeqCst);
            ARENA_END.store(start.saturating_add(size), Ordering::SeqCst);
        }
    }
    MIMALLOC.store(true, Ordering::SeqCst);
}

/// The allocator of the `ecsxc` executable, its tests and benchmarks.
pub struct Allocator;

/// Whether `ptr` was given by mimalloc.
fn mimalloc_owns(ptr: *mut u8) -> bool {
    if !MIMALLOC.load(Ordering::Relaxed) {
        return false;
    }
    let at = ptr as usize;
    (ARENA_START.load(Ordering::Relaxed)..ARENA_END.load(Ordering::Relaxed)).contains(&at)
        // SAFETY: only reads mimalloc's map of its own memory; any address may be asked.
        || unsafe { libmimalloc_sys::mi_is_in_heap_region(ptr as *const _) }
}

/// A new block of `layout` (`zeroed`: filled with zeros) from the allocator in use.
///
/// # Safety
/// As [`GlobalAlloc::alloc`]: `layout` has a non-zero size.
unsafe fn give(layout: Layout, zeroed: bool) -> *mut u8 {
    let (size, align) = (layout.size(), layout.align());
    // SAFETY: the caller's `layout` is valid for either allocator.
    unsafe {
        match (MIMALLOC.load(Ordering::Relaxed), plain(align, size), zeroed) {
            (false, _, false) => System.alloc(layout),
            (false, _, true) => System.alloc_zeroed(layout),
            (true, true, false) => mi::mi_malloc(size).cast(),
            (true, true, true) => mi::mi_zalloc(size).cast(),
            (true, false, false) => mi::mi_malloc_aligned(size, align).cast(),
            (true, false, true) => mi::mi_zalloc_aligned(size, align).cast(),
        }
    }
}

// SAFETY: every block is freed and resized by the allocator that gave it, and
// mimalloc's blocks are aligned as `layout` asks (`plain`, or the `_aligned` calls).
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { give(layout, false) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        unsafe { give(layout, true) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if mimalloc_owns(ptr) {
            unsafe { mi::mi_free(ptr.cast()) }
        } else {
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if !mimalloc_owns(ptr) {
            return unsafe { System.realloc(ptr, layout, new_size) };
        }
        unsafe {
            if plain(layout.align(), new_size) {
                mi::mi_realloc(ptr.cast(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
            }
        }
    }
}

/// Every executable that links ecsxc allocates through [`Allocator`].
#[global_allocator]
static GLOBAL: Allocator = Allocator;

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks of every size and alignment, given before and after the switch, are
    /// written, grown, shrunk and freed by the allocator that gave them.
    #[test]
    fn blocks_from_before_and_after_the_switch_are_freed_and_resized_by_their_allocator() {
        let layouts: Vec<Layout> = [(1, 1), (8, 8), (24, 8), (100, 16), (64, 64), (5000, 4096)]
            .iter()
            .filter_map(|&(size, align)| Layout::from_size_align(size, align).ok())
            .collect();
        let give = |layouts: &[Layout]| -> Vec<(*mut u8, Layout)> {
            layouts
                .iter()
                .map(|&l| {
                    // SAFETY: every layout has a non-zero size.
                    let p = unsafe { GLOBAL.alloc_zeroed(l) };
                    assert!(!p.is_null() && p as usize % l.align() == 0, "{l:?}");
                    (p, l)
                })
                .collect()
        };
        let before = give(&layouts);
        use_mimalloc();
        let after = give(&layouts);
        let blocks = before.into_iter().map(|b| (b, false));
        for ((p, l), mimalloc) in blocks.chain(after.into_iter().map(|b| (b, true))) {
            assert_eq!(mimalloc_owns(p), mimalloc, "{l:?}");
            // SAFETY: `p` is a live block of layout `l`; the new sizes are not zero.
            unsafe {
                assert_eq!(*p, 0, "zeroed");
                p.write_bytes(7, l.size());
                let grown = GLOBAL.realloc(p, l, l.size() * 3);
                assert!(!grown.is_null() && grown as usize % l.align() == 0, "{l:?}");
                assert_eq!(*grown.add(l.size() - 1), 7, "kept when grown");
                let big = Layout::from_size_align_unchecked(l.size() * 3, l.align());
                let shrunk = GLOBAL.realloc(grown, big, l.size());
                assert_eq!(*shrunk, 7, "kept when shrunk");
                GLOBAL.dealloc(shrunk, l);
            }
        }
        let boxed = Box::into_raw(Box::new(1u64));
        assert!(mimalloc_owns(boxed.cast()), "a box made now is mimalloc's");
        let arena = ARENA_START.load(Ordering::SeqCst)..ARENA_END.load(Ordering::SeqCst);
        assert!(
            arena.contains(&(boxed as usize)),
            "served from the range {arena:x?}"
        );
        // SAFETY: `boxed` came from `Box::into_raw` just above.
        drop(unsafe { Box::from_raw(boxed) });
    }
}
