// The ECSX extension's client: starts `ecsxc lsp` (JSON-RPC over stdio) for .ecsx
// files and restarts it when `ecsxc.path` changes. Plain JavaScript: no build step.
'use strict';

const os = require('os');
const path = require('path');
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

/** The language id of package.json's `contributes.languages`. */
const LANGUAGE_ID = 'ecsx';
/** The client id: VS Code reads its trace level from `ecsxc.trace.server`. */
const CLIENT_ID = 'ecsxc';
const CLIENT_NAME = 'ECSX Language Server';

/** @type {LanguageClient | undefined} */
let client;
/** @type {vscode.OutputChannel | undefined} */
let outputChannel;

/**
 * The executable to run, from the `ecsxc.path` setting: `ecsxc` (looked up on PATH) when
 * empty; `~` is the home folder, `${workspaceFolder}` the first workspace folder, and a
 * relative path with a slash (`target/debug/ecsxc`) is taken from that folder.
 */
function resolveCommand(configured, workspaceFolder) {
  let command = typeof configured === 'string' ? configured.trim() : '';
  if (command === '') {
    return 'ecsxc';
  }
  if (command === '~' || command.startsWith('~/')) {
    command = path.join(os.homedir(), command.slice(1));
  }
  if (workspaceFolder) {
    command = command.split('${workspaceFolder}').join(workspaceFolder);
    if (!path.isAbsolute(command) && /[\\/]/.test(command)) {
      command = path.resolve(workspaceFolder, command);
    }
  }
  return command;
}

/**
 * How to start the server. No `transport` on purpose: with `TransportKind.stdio` the
 * client would add `--stdio` to the arguments; `ecsxc lsp` always speaks over stdio.
 */
function serverOptions(command, cwd) {
  return { command, args: ['lsp'], options: cwd ? { cwd } : {} };
}

/** The documents the server sees: saved and untitled .ecsx files. */
function clientOptions(channel) {
  return {
    documentSelector: [
      { scheme: 'file', language: LANGUAGE_ID },
      { scheme: 'untitled', language: LANGUAGE_ID },
    ],
    outputChannel: channel,
  };
}

function firstWorkspaceFolder() {
  const folders = vscode.workspace.workspaceFolders;
  return folders && folders.length > 0 ? folders[0].uri.fsPath : undefined;
}

async function startClient() {
  const folder = firstWorkspaceFolder();
  const configured = vscode.workspace.getConfiguration('ecsxc').get('path');
  const command = resolveCommand(configured, folder);
  const started = new LanguageClient(
    CLIENT_ID,
    CLIENT_NAME,
    serverOptions(command, folder),
    clientOptions(outputChannel),
  );
  client = started;
  try {
    await started.start();
  } catch (error) {
    if (client === started) {
      client = undefined;
    }
    const reason = error && error.message ? error.message : String(error);
    const choice = await vscode.window.showErrorMessage(
      `ECSX: could not start the language server \`${command} lsp\`: ${reason}. ` +
        'Install ecsxc (cargo install --path . in its repository) or set "ecsxc.path".',
      'Open Settings',
    );
    if (choice === 'Open Settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'ecsxc.path');
    }
  }
}

async function stopClient() {
  const running = client;
  client = undefined;
  if (running) {
    try {
      await running.stop();
    } catch (error) {
      // A server that already exited cannot be stopped; nothing is left to clean up.
    }
  }
}

async function restartClient() {
  await stopClient();
  await startClient();
}

/** Called by VS Code when the first .ecsx file opens. */
async function activate(context) {
  outputChannel = vscode.window.createOutputChannel(CLIENT_NAME);
  context.subscriptions.push(
    outputChannel,
    vscode.commands.registerCommand('ecsxc.restartServer', restartClient),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('ecsxc.path')) {
        return restartClient();
      }
      return undefined;
    }),
  );
  await startClient();
}

/** Called by VS Code on shutdown: stops the server. */
function deactivate() {
  return stopClient();
}

module.exports = { activate, deactivate, resolveCommand, serverOptions, clientOptions, LANGUAGE_ID, CLIENT_ID };
