// The `budget` command line tool. Every failure is ONE Chinese line on stderr and a non-zero exit;
// never a stack trace (set BUDGET_DEBUG=1 to see one).
import { internalFailureMessage, setErrorLogFile } from '../db/error-log';
import { Refusal } from '../db/errors';
import { errorLogPath } from '../api/paths';
import { COMMANDS } from './commands/index';
import { CliError } from './errors';

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

function help(): string {
  const lines = ['用法：'];
  for (const c of Object.values(COMMANDS)) lines.push(`  ${c.usage}`, `      ${c.summary}`);
  return `${lines.join('\n')}\n`;
}

function report(e: unknown): number {
  if (process.env.BUDGET_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
  if (e instanceof CliError) {
    process.stderr.write(`${oneLine(e.message)}\n`);
    return e.exitCode;
  }
  if (e instanceof Refusal) {
    process.stderr.write(`${oneLine(e.message)}\n`);
    return 1;
  }
  process.stderr.write(`${oneLine(internalFailureMessage(e, '命令'))}\n`);
  return 1;
}

export async function main(argv: readonly string[]): Promise<number> {
  setErrorLogFile(errorLogPath());
  const [name, ...rest] = argv;
  if (name === undefined) return report(new CliError(`缺少子命令，可用：${Object.keys(COMMANDS).join('、')}（budget help 查看用法）`, 2));
  if (name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(help());
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) return report(new CliError(`未知子命令“${name}”，可用：${Object.keys(COMMANDS).join('、')}（budget help 查看用法）`, 2));
  try {
    const cmd = await entry.load();
    return (await cmd.run(rest)) ?? 0;
  } catch (e) {
    return report(e);
  }
}

// A closed pipe (`budget compare … | head`) is not an error: the reader has what it wanted, so the command
// ends quietly with its own exit code. One handler for every command and both streams.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
process.on('uncaughtException', (e) => {
  process.exitCode = report(e);
});
process.on('unhandledRejection', (e) => {
  process.exitCode = report(e);
});

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
