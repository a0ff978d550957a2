import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server.ts';

export const VERSION = '0.1.0';

const USAGE = `Usage: crossfoot-language-server [--stdio | --node-ipc | --socket=<port> | --pipe=<name>]

Speaks the Language Server Protocol; with no transport given, over stdin and stdout.
`;

/** Whether the arguments name a transport that vscode-languageserver reads from the command line itself. */
function namesTransport(argv: string[]): boolean {
  return argv.some((a) => a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='));
}

/** Starts the server (never returns an exit status while it runs); `--help` and `--version` answer and stop. */
export function main(argv: string[]): number | undefined {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (argv.includes('--version')) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  // A rejected promise somewhere must cost one check, never the editor's server.
  process.on('unhandledRejection', (reason) => process.stderr.write(`crossfoot-language-server: ${reason instanceof Error ? reason.stack : String(reason)}\n`));
  const connection = namesTransport(argv) ? createConnection(ProposedFeatures.all) : createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  startServer(connection);
  return undefined;
}
