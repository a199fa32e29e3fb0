// extension.js against stand-ins for the `vscode` API and vscode-languageclient: it
// starts `<ecsxc.path> lsp` for .ecsx documents, restarts on a change of `ecsxc.path`
// or on the command, says what to do when the executable cannot start, and stops the
// server on deactivation.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const Module = require('module');
const os = require('os');
const path = require('path');
const manifest = require('../package.json');

/** A stand-in world: settings, workspace folders, and every client created. */
function makeWorld() {
  const world = {
    settings: { path: 'ecsxc' },
    folders: [{ uri: { fsPath: '/work/project' } }],
    clients: [],
    commands: new Map(),
    executed: [],
    errors: [],
    errorChoice: undefined,
    configListeners: [],
    failStart: null,
  };
  world.vscode = {
    window: {
      createOutputChannel: (name) => ({ name, dispose() {} }),
      showErrorMessage: async (message, ...items) => {
        world.errors.push({ message, items });
        return world.errorChoice;
      },
    },
    workspace: {
      get workspaceFolders() {
        return world.folders;
      },
      getConfiguration: (section) => ({
        get: (key) => (section === 'ecsxc' ? world.settings[key] : undefined),
      }),
      onDidChangeConfiguration: (listener) => {
        world.configListeners.push(listener);
        return { dispose() {} };
      },
    },
    commands: {
      registerCommand: (id, handler) => {
        world.commands.set(id, handler);
        return { dispose() {} };
      },
      executeCommand: async (...args) => {
        world.executed.push(args);
      },
    },
  };
  class LanguageClient {
    constructor(id, name, serverOptions, clientOptions) {
      Object.assign(this, { id, name, serverOptions, clientOptions, started: 0, stopped: 0 });
      world.clients.push(this);
    }
    async start() {
      this.started += 1;
      if (world.failStart) throw world.failStart;
    }
    async stop() {
      this.stopped += 1;
    }
  }
  world.languageclient = { LanguageClient };
  return world;
}

/** Loads a fresh copy of extension.js wired to `world`. */
function loadExtension(world) {
  const file = require.resolve('../extension.js');
  delete require.cache[file];
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    if (request === 'vscode') return world.vscode;
    if (request === 'vscode-languageclient/node') return world.languageclient;
    return load.call(this, request, parent, isMain);
  };
  try {
    return require(file);
  } finally {
    Module._load = load;
  }
}

const context = () => ({ subscriptions: [] });

test('activate starts `ecsxc lsp` over stdio for .ecsx documents', async () => {
  const world = makeWorld();
  const ext = loadExtension(world);
  const ctx = context();
  await ext.activate(ctx);
  assert.equal(world.clients.length, 1);
  const [client] = world.clients;
  assert.equal(client.started, 1);
  assert.equal(client.id, 'ecsxc');
  assert.ok(`${client.id}.trace.server` in manifest.contributes.configuration.properties);
  // `transport` stays unset: with TransportKind.stdio the library would append `--stdio`.
  assert.deepEqual(client.serverOptions, {
    command: 'ecsxc',
    args: ['lsp'],
    options: { cwd: '/work/project' },
  });
  const languages = client.clientOptions.documentSelector.map((s) => s.language);
  assert.deepEqual([...new Set(languages)], [manifest.contributes.languages[0].id]);
  assert.deepEqual(
    client.clientOptions.documentSelector.map((s) => s.scheme),
    ['file', 'untitled'],
  );
  assert.equal(client.clientOptions.outputChannel.name, 'ECSX Language Server');
  assert.deepEqual(
    [...world.commands.keys()],
    manifest.contributes.commands.map((c) => c.command),
  );
  assert.equal(ctx.subscriptions.length, 3);
  assert.deepEqual(world.errors, []);
});

test('`ecsxc.path`: PATH lookups, `~`, `${workspaceFolder}`, paths relative to the workspace', () => {
  const { resolveCommand } = loadExtension(makeWorld());
  const ws = '/work/project';
  assert.equal(resolveCommand(undefined, ws), 'ecsxc');
  assert.equal(resolveCommand('   ', ws), 'ecsxc');
  assert.equal(resolveCommand('ecsxc', ws), 'ecsxc');
  assert.equal(resolveCommand('/opt/ecsxc/bin/ecsxc', ws), '/opt/ecsxc/bin/ecsxc');
  assert.equal(resolveCommand('~/.cargo/bin/ecsxc', ws), path.join(os.homedir(), '.cargo/bin/ecsxc'));
  assert.equal(resolveCommand('${workspaceFolder}/target/debug/ecsxc', ws), '/work/project/target/debug/ecsxc');
  assert.equal(resolveCommand('target/debug/ecsxc', ws), '/work/project/target/debug/ecsxc');
  assert.equal(resolveCommand('./ecsxc', ws), '/work/project/ecsxc');
  assert.equal(resolveCommand('target/debug/ecsxc', undefined), 'target/debug/ecsxc');
});

test('a relative `ecsxc.path` starts the workspace build; no folder means no cwd', async () => {
  const world = makeWorld();
  world.settings.path = 'target/debug/ecsxc';
  await loadExtension(world).activate(context());
  assert.equal(world.clients[0].serverOptions.command, '/work/project/target/debug/ecsxc');

  const bare = makeWorld();
  bare.folders = undefined;
  await loadExtension(bare).activate(context());
  assert.deepEqual(bare.clients[0].serverOptions, { command: 'ecsxc', args: ['lsp'], options: {} });
});

test('changing `ecsxc.path` restarts the server with the new executable', async () => {
  const world = makeWorld();
  await loadExtension(world).activate(context());
  const [listener] = world.configListeners;
  await listener({ affectsConfiguration: (key) => key === 'editor.fontSize' });
  assert.equal(world.clients.length, 1, 'other settings do not restart');
  world.settings.path = '/usr/local/bin/ecsxc';
  await listener({ affectsConfiguration: (key) => key === 'ecsxc.path' });
  assert.equal(world.clients.length, 2);
  assert.equal(world.clients[0].stopped, 1);
  assert.equal(world.clients[1].started, 1);
  assert.equal(world.clients[1].serverOptions.command, '/usr/local/bin/ecsxc');
});

test('the restart command stops the running server and starts a new one', async () => {
  const world = makeWorld();
  await loadExtension(world).activate(context());
  await world.commands.get('ecsxc.restartServer')();
  assert.equal(world.clients.length, 2);
  assert.equal(world.clients[0].stopped, 1);
  assert.equal(world.clients[1].started, 1);
});

test('an executable that cannot start: an error naming it and the setting, and a way to the setting', async () => {
  const world = makeWorld();
  world.settings.path = '/nowhere/ecsxc';
  world.failStart = Object.assign(new Error('spawn /nowhere/ecsxc ENOENT'), { code: 'ENOENT' });
  world.errorChoice = 'Open Settings';
  const ext = loadExtension(world);
  await ext.activate(context());
  assert.equal(world.errors.length, 1);
  const [{ message, items }] = world.errors;
  assert.match(message, /`\/nowhere\/ecsxc lsp`/);
  assert.match(message, /ENOENT/);
  assert.match(message, /"ecsxc\.path"/);
  assert.deepEqual(items, ['Open Settings']);
  assert.deepEqual(world.executed, [['workbench.action.openSettings', 'ecsxc.path']]);
  // Nothing is left running to stop.
  await ext.deactivate();
  assert.equal(world.clients[0].stopped, 0);
});

test('deactivate stops the server', async () => {
  const world = makeWorld();
  const ext = loadExtension(world);
  await ext.activate(context());
  await ext.deactivate();
  assert.equal(world.clients[0].stopped, 1);
  await ext.deactivate();
  assert.equal(world.clients[0].stopped, 1, 'once');
});

test('the real vscode-languageclient has the API extension.js uses', () => {
  // Loaded against a `vscode` stand-in that answers every property: the library reads
  // the API only when a client runs.
  const anything = new Proxy(function () {}, {
    get: (target, key) => (key === Symbol.toPrimitive ? () => '' : anything),
    apply: () => anything,
    construct: () => anything,
  });
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    if (request === 'vscode') return anything;
    return load.call(this, request, parent, isMain);
  };
  try {
    const lib = require('vscode-languageclient/node');
    assert.equal(typeof lib.LanguageClient, 'function');
    assert.equal(typeof lib.LanguageClient.prototype.start, 'function');
    assert.equal(typeof lib.LanguageClient.prototype.stop, 'function');
  } finally {
    Module._load = load;
  }
});
