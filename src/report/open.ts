import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** The platform's "open this file" command, when it has one. */
function opener(): { command: string; args: string[] } {
  if (process.platform === 'darwin') return { command: 'open', args: [] };
  if (process.platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""'] };
  return { command: 'xdg-open', args: [] };
}

/**
 * Opens the report in the user's browser. A machine without one (a server, CI)
 * is normal, so this never fails the command: it returns a note to print
 * instead, or null once the opener has started.
 */
export function openInBrowser(path: string): Promise<string | null> {
  const { command, args } = opener();
  const file = resolve(path);
  return new Promise((done) => {
    const child = spawn(command, [...args, file], { stdio: 'ignore', detached: true });
    child.once('error', () => done(`--open: no browser opener (${command}) here; open ${file} yourself`));
    child.once('spawn', () => {
      child.unref();
      done(null);
    });
  });
}
