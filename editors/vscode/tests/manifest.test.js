// The extension's manifest, grammar and language configuration agree with each other,
// every regular expression compiles, and the grammar tests (tests/*.ecsx) assert every
// scope the grammar can produce.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');

const dir = path.resolve(__dirname, '..');
const readJson = (file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
const manifest = readJson('package.json');
const lock = readJson('package-lock.json');

const LANGUAGE_ID = 'ecsx';
const EXTENSION = '.ecsx';
const SCOPE = 'source.ecsx';

const language = () => {
  const languages = manifest.contributes.languages;
  assert.equal(languages.length, 1, 'one language');
  return languages[0];
};
const grammarEntry = () => {
  const grammars = manifest.contributes.grammars;
  assert.equal(grammars.length, 1, 'one grammar');
  return grammars[0];
};
const grammar = () => readJson(grammarEntry().path);

/** Every rule object of the grammar (patterns, repository entries, nested patterns). */
function rules(g) {
  const found = [];
  const walk = (rule) => {
    found.push(rule);
    for (const child of rule.patterns || []) walk(child);
  };
  for (const rule of g.patterns) walk(rule);
  for (const rule of Object.values(g.repository)) walk(rule);
  return found;
}

/** Every scope name the grammar gives (rule names, content names, capture names). */
function grammarScopes(g) {
  const scopes = new Set();
  for (const rule of rules(g)) {
    if (rule.name) scopes.add(rule.name);
    if (rule.contentName) scopes.add(rule.contentName);
    for (const key of ['captures', 'beginCaptures', 'endCaptures']) {
      for (const capture of Object.values(rule[key] || {})) {
        if (capture.name) scopes.add(capture.name);
      }
    }
  }
  return scopes;
}

/** The scopes asserted (required and excluded) by the grammar tests tests/*.ecsx. */
function assertedScopes() {
  const required = new Set();
  const excluded = new Set();
  const files = fs.readdirSync(path.join(dir, 'tests')).filter((f) => f.endsWith(EXTENSION));
  assert.ok(files.length > 0, 'grammar tests exist');
  for (const file of files) {
    const lines = fs.readFileSync(path.join(dir, 'tests', file), 'utf8').split('\n');
    assert.match(lines[0], new RegExp(`^// SYNTAX TEST "${SCOPE.replace('.', '\\.')}"`), `${file}: header`);
    for (const line of lines.slice(1)) {
      const m = /^\/\/\s*(?:\^+|<~*-+)\s+(.*)$/.exec(line);
      if (!m) continue;
      const [want, not = ''] = m[1].split(/\s+-\s+|^-\s+/);
      for (const s of want.split(/\s+/).filter(Boolean)) required.add(s);
      for (const s of not.split(/\s+/).filter(Boolean)) excluded.add(s);
    }
  }
  return { required, excluded };
}

test('the language: id `ecsx`, extension `.ecsx`, a configuration file', () => {
  const lang = language();
  assert.equal(lang.id, LANGUAGE_ID);
  assert.deepEqual(lang.extensions, [EXTENSION]);
  assert.ok(fs.existsSync(path.join(dir, lang.configuration)), lang.configuration);
  assert.ok(manifest.activationEvents.includes(`onLanguage:${LANGUAGE_ID}`));
});

test('the grammar entry names the language, the grammar file and its scope', () => {
  const entry = grammarEntry();
  assert.equal(entry.language, language().id);
  assert.equal(entry.scopeName, SCOPE);
  assert.ok(fs.existsSync(path.join(dir, entry.path)), entry.path);
  const g = grammar();
  assert.equal(g.scopeName, entry.scopeName);
  assert.deepEqual(g.fileTypes, language().extensions.map((e) => e.replace(/^\./, '')));
});

test('every scope of the grammar ends in `.ecsx`, and every include resolves', () => {
  const g = grammar();
  for (const scope of grammarScopes(g)) {
    assert.match(scope, /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*\.ecsx$/, scope);
  }
  for (const rule of rules(g)) {
    if (rule.include === undefined) continue;
    assert.match(rule.include, /^#/, `local include: ${rule.include}`);
    assert.ok(rule.include.slice(1) in g.repository, `include ${rule.include}`);
  }
});

test('every regular expression of the grammar is well formed', () => {
  // vscode-oniguruma reports no error for a pattern that does not compile (it matches
  // garbage), so the patterns keep to the syntax Oniguruma and ECMAScript share, and
  // are checked here as ECMAScript (unbalanced groups, bad quantifiers, bad classes).
  let count = 0;
  for (const rule of rules(grammar())) {
    for (const key of ['match', 'begin', 'end']) {
      if (rule[key] === undefined) continue;
      assert.doesNotThrow(() => new RegExp(rule[key]), `${key}: ${rule[key]}`);
      count += 1;
    }
  }
  assert.ok(count > 30, `${count} expressions`);
});

test('the grammar tests assert every scope of the grammar, and only scopes it has', () => {
  const scopes = grammarScopes(grammar());
  const { required, excluded } = assertedScopes();
  const untested = [...scopes].filter((s) => !required.has(s));
  assert.deepEqual(untested, [], 'scopes no test of tests/*.ecsx requires');
  const unknown = [...required, ...excluded].filter((s) => s !== SCOPE && !scopes.has(s));
  assert.deepEqual(unknown, [], 'scopes the tests name but the grammar never gives');
});

test('the language configuration: `//` comments, brackets, pairs, expressions that compile', () => {
  const config = readJson(language().configuration);
  assert.deepEqual(config.comments, { lineComment: '//' });
  const pairs = [['{', '}'], ['[', ']'], ['(', ')']];
  assert.deepEqual(config.brackets, pairs);
  assert.deepEqual(config.colorizedBracketPairs, pairs);
  const closing = config.autoClosingPairs.map((p) => [p.open, p.close]);
  assert.deepEqual(closing, [...pairs, ['"', '"']]);
  assert.deepEqual(config.surroundingPairs, [...pairs, ['"', '"']]);
  const word = new RegExp(`^(?:${config.wordPattern})$`);
  for (const w of ['nginx', 'FargateService', '_x1', '512MiB', '30s', '1_000']) assert.match(w, word);
  const increase = new RegExp(config.indentationRules.increaseIndentPattern);
  const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
  assert.match('let web = FargateService {', increase);
  assert.match('    portMappings: [ // ports', increase);
  assert.doesNotMatch('    port: 80', increase);
  assert.match('    }', decrease);
  assert.match(']', decrease);
  const [docRule] = config.onEnterRules;
  assert.match('    /// A doc comment', new RegExp(docRule.beforeText));
  assert.doesNotMatch('    //// not one', new RegExp(docRule.beforeText));
  assert.equal(docRule.action.appendText, '/// ');
});

test('settings and commands the client reads are contributed', () => {
  const props = manifest.contributes.configuration.properties;
  assert.equal(props['ecsxc.path'].type, 'string');
  assert.equal(props['ecsxc.path'].default, 'ecsxc');
  assert.deepEqual(props['ecsxc.trace.server'].enum, ['off', 'messages', 'verbose']);
  assert.deepEqual(
    manifest.contributes.commands.map((c) => c.command),
    ['ecsxc.restartServer'],
  );
  assert.ok(fs.existsSync(path.join(dir, manifest.main)), manifest.main);
});

test('dependencies are pinned to exact versions, and the lock file has those versions', () => {
  const all = { ...manifest.dependencies, ...manifest.devDependencies };
  assert.ok(Object.keys(all).length > 0);
  for (const [name, version] of Object.entries(all)) {
    assert.match(version, /^\d+\.\d+\.\d+$/, `${name} is pinned`);
    const locked = lock.packages[`node_modules/${name}`];
    assert.ok(locked, `${name} is in package-lock.json`);
    assert.equal(locked.version, version, `${name} in package-lock.json`);
  }
  assert.deepEqual(lock.packages[''].dependencies, manifest.dependencies);
  assert.deepEqual(lock.packages[''].devDependencies, manifest.devDependencies);
});
