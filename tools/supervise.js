#!/usr/bin/env node
// Runs long-lived commands together and keeps them together: when one exits (or this process gets SIGINT
// or SIGTERM), every other one is stopped and this process exits non-zero. Each command runs in a process
// group of its own and is stopped as a group, so what it started itself goes too (`npm run web:start` ->
// `next start` -> `next-server`: signalling npm's pid alone left next-server running). Used by tools/start.sh.
//
//   node tools/supervise.js [--grace-ms N] [--ready-url URL] [--ready-message TEXT] NAME=COMMAND...
//
// COMMAND is run by `sh -c`. After SIGTERM a group has --grace-ms (default 60000: the worker finishes its
// running job) before SIGKILL. --ready-url is polled until it answers 2xx, then --ready-message is printed.
'use strict';
const { spawn } = require('node:child_process');
const { readdirSync, readFileSync } = require('node:fs');

function parseArgs(argv) {
  const options = { graceMs: 60_000, readyUrl: undefined, readyMessage: undefined, commands: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--grace-ms') options.graceMs = Number(argv[++i]);
    else if (arg === '--ready-url') options.readyUrl = argv[++i];
    else if (arg === '--ready-message') options.readyMessage = argv[++i];
    else {
      const eq = arg.indexOf('=');
      if (eq <= 0) throw new Error(`expected NAME=COMMAND, got "${arg}"`);
      options.commands.push({ name: arg.slice(0, eq), command: arg.slice(eq + 1) });
    }
  }
  if (!Number.isFinite(options.graceMs) || options.graceMs < 0) throw new Error('--grace-ms must be >= 0');
  if (options.commands.length === 0) throw new Error('no command to run');
  return options;
}

/** Signals a whole process group; false once nothing of it is left. */
function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    if (error.code === 'ESRCH') return false;
    throw error;
  }
}

/**
 * Whether anything of the group still runs. Zombies do not count: an orphan is reaped by PID 1, which in a
 * container may never do it, and kill(-pgid, 0) would then see the group alive until the grace runs out.
 */
function groupAlive(pgid) {
  let entries;
  try {
    entries = readdirSync('/proc');
  } catch {
    return signalGroup(pgid, 0); // no procfs (macOS): zombies count as alive there
  }
  return entries.some((entry) => {
    if (!/^\d+$/.test(entry)) return false;
    try {
      // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(pgrp) === pgid && state !== 'Z';
    } catch {
      return false; // gone meanwhile
    }
  });
}

function supervise({ commands, graceMs, readyUrl, readyMessage }) {
  let stopping = false;
  const children = commands.map(({ name, command }) => {
    // detached: a new process group (and session) per command, so it is signalled as a whole, and the
    // terminal's Ctrl-C reaches only this supervisor, which then stops the groups in order.
    const child = spawn('sh', ['-c', command], { stdio: 'inherit', detached: true });
    child.on('exit', (code, signal) => {
      if (stopping) return;
      console.error(`${name} exited (${signal ?? `code ${code}`}); stopping the others.`);
      void stopAll(1);
    });
    return { name, child };
  });

  async function stopAll(exitCode) {
    if (stopping) return;
    stopping = true;
    // The exited command's group too: what it started may outlive it.
    const live = children.filter(({ child }) => signalGroup(child.pid, 'SIGTERM'));
    const deadline = Date.now() + graceMs;
    while (live.some(({ child }) => groupAlive(child.pid)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const { name, child } of live) {
      if (groupAlive(child.pid) && signalGroup(child.pid, 'SIGKILL')) {
        console.error(`${name} did not stop in ${graceMs} ms: killed.`);
      }
    }
    process.exit(exitCode);
  }

  process.on('SIGINT', () => {
    console.error('\nStopping...');
    void stopAll(130);
  });
  process.on('SIGTERM', () => void stopAll(143));

  if (readyUrl)
    void waitReady(readyUrl, () => stopping).then((ready) => ready && console.log(readyMessage ?? ''));
}

async function waitReady(url, stopped) {
  while (!stopped()) {
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

if (require.main === module) {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`supervise: ${error.message}`);
    process.exit(2);
  }
  supervise(options);
}

module.exports = { parseArgs, groupAlive };
