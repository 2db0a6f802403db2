/**
 * An error whose message is written for the person who caused it and is safe to show them
 * as-is (an empty question, an unknown article). Anything else is a bug or a fault: it is
 * logged with context and the user sees only a short apology with an error id.
 */
export class UserError extends Error {
  override readonly name: string = 'UserError';
}
