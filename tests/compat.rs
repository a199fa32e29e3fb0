//! An upgrade never touches a deployed stack by itself: programs compiled by an earlier
//! version of ecsxc compile to the same template, byte for byte (`tests/compat/<version>/`
//! holds each program with the template that version made; deploy sends the JSON).
//! A changed logical ID or property would make CloudFormation update or replace live
//! resources on the next deploy. If a bug forces a change, update the file in a commit
//! of its own and say so in the release notes.

mod support;

#[test]
fn earlier_programs_compile_to_the_same_templates() {
    let programs = support::corpus::files("tests/compat");
    assert!(programs.len() >= 5, "the 0.1 corpus is missing");
    for program in programs {
        let expected = std::fs::read_to_string(program.with_extension("json"))
            .unwrap_or_else(|e| panic!("{}: no template next to it: {e}", program.display()));
        let out = ecsxc::compile_path(&program);
        let compiled = out.compiled.unwrap_or_else(|| {
            panic!(
                "{} no longer compiles: {:?}",
                program.display(),
                out.diagnostics
            )
        });
        let actual = compiled.to_json();
        if actual != expected {
            let line = actual
                .lines()
                .zip(expected.lines())
                .position(|(a, e)| a != e)
                .map_or(0, |i| i + 1);
            panic!(
                "{} compiles to another template than before (first difference at line {line}):\n{}",
                program.display(),
                actual
            );
        }
    }
}
