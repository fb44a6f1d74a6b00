/** One `budget` subcommand. `run` returns the exit code (0 when omitted) and throws CliError/Refusal on failure. */
export interface Command {
  usage: string;
  /** One Chinese line for `budget help`. */
  summary: string;
  run(argv: readonly string[]): Promise<number | void> | number | void;
}
