/** An error the CLI reports as one Chinese line; `exitCode` 2 = wrong usage, 1 = failed. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
