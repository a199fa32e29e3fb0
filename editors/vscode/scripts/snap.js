#!/usr/bin/env node
// Snapshot test of the TextMate grammar over every program in examples/ (not the
// broken programs of examples/broken/, which tests/*.ecsx cover by feature) and the
// standard library (stdlib/), with vscode-tmgrammar-snap.
//
// The tool keeps `FILE.snap` beside each FILE; the snapshots live in
// tests/snapshots/<path in the repository>.snap instead, so this script copies the
// sources and their snapshots into a temporary folder, runs the tool there, and
// (with --update) copies the snapshots back. A source without a snapshot, or a
// snapshot without a source, fails the test (the tool itself would write the missing
// snapshot and pass).
//
//   node scripts/snap.js            check
//   node scripts/snap.js --update   rewrite tests/snapshots/ (read the diff before committing)
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const extensionDir = path.resolve(__dirname, '..');
const repoDir = path.resolve(extensionDir, '..', '..');
const snapshotDir = path.join(extensionDir, 'tests', 'snapshots');
const update = process.argv.includes('--update');

/** Every .ecsx file under `dir` (not under `skip`), as paths relative to the repository, sorted. */
function ecsxFiles(dir, skip) {
  const found = [];
  const walk = (abs) => {
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      const child = path.join(abs, entry.name);
      if (entry.isDirectory()) {
        if (skip && path.relative(repoDir, child).split(path.sep).join('/') === skip) continue;
        walk(child);
      } else if (entry.isFile() && entry.name.endsWith('.ecsx')) {
        found.push(path.relative(repoDir, child).split(path.sep).join('/'));
      }
    }
  };
  walk(path.join(repoDir, dir));
  return found.sort();
}

/** Every .snap file under tests/snapshots, as the source path it belongs to. */
function snapshotSources() {
  const found = [];
  const walk = (abs) => {
    if (!fs.existsSync(abs)) return;
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      const child = path.join(abs, entry.name);
      if (entry.isDirectory()) {
        walk(child);
      } else if (entry.name.endsWith('.snap')) {
        found.push(path.relative(snapshotDir, child).split(path.sep).join('/').replace(/\.snap$/, ''));
      }
    }
  };
  walk(snapshotDir);
  return found.sort();
}

function main() {
  const sources = [...ecsxFiles('examples', 'examples/broken'), ...ecsxFiles('stdlib')];
  if (sources.length === 0) {
    console.error('snap.js: no .ecsx files found in examples/ and stdlib/');
    return 1;
  }
  const problems = [];
  if (!update) {
    const known = new Set(sources);
    for (const source of sources) {
      if (!fs.existsSync(path.join(snapshotDir, source + '.snap'))) {
        problems.push(`no snapshot for ${source}: run \`npm run snap:update\` in editors/vscode and read the new tests/snapshots/${source}.snap`);
      }
    }
    for (const source of snapshotSources()) {
      if (!known.has(source)) {
        problems.push(`tests/snapshots/${source}.snap belongs to no source file: delete it (or run \`npm run snap:update\`)`);
      }
    }
  }
  if (problems.length > 0) {
    for (const p of problems) console.error(`snap.js: ${p}`);
    return 1;
  }

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ecsx-snap-'));
  try {
    for (const source of sources) {
      const target = path.join(work, source);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(repoDir, source), target);
      const snap = path.join(snapshotDir, source + '.snap');
      if (!update) fs.copyFileSync(snap, target + '.snap');
    }
    const tool = path.join(extensionDir, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'snapshot.js');
    const args = [tool, '--config', path.join(extensionDir, 'package.json')];
    if (update) args.push('--updateSnapshot');
    args.push(...sources);
    const run = spawnSync(process.execPath, args, { cwd: work, stdio: 'inherit' });
    if (run.error) throw run.error;
    if (run.status !== 0) {
      console.error(`snap.js: the grammar's tokens differ from tests/snapshots/ (above); if the change is right, run \`npm run snap:update\` in editors/vscode and read the diff`);
      return 1;
    }
    if (update) {
      fs.rmSync(snapshotDir, { recursive: true, force: true });
      for (const source of sources) {
        const snap = path.join(snapshotDir, source + '.snap');
        fs.mkdirSync(path.dirname(snap), { recursive: true });
        fs.copyFileSync(path.join(work, source + '.snap'), snap);
      }
      console.log(`snap.js: wrote ${sources.length} snapshots to tests/snapshots/`);
    } else {
      console.log(`snap.js: ${sources.length} files match their snapshots`);
    }
    return 0;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = main();
