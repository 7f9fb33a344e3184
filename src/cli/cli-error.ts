/**
 * An error the command-line tool reports as one line on standard error, with its exit code:
 * 1 for an input problem (missing file, a directory, a binary file), 2 for wrong usage.
 * Anything else that escapes is a bug and keeps its stack trace.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
    /** Print the usage text after the message (wrong usage). */
    readonly showUsage = false,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const inputError = (message: string): CliError => new CliError(message, 1);
export const usageError = (message: string): CliError => new CliError(message, 2, true);
