//! Links the `ecsxc` executable as a position-dependent (non-PIE) binary: the AWS SDKs
//! bring tens of thousands of relocations that a PIE would apply at every start, which
//! is most of the start-up time of a 2 ms compile.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
