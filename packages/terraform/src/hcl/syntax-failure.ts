/**
 * Thrown inside the parser to abandon the current attribute or block; the body loop catches it, records
 * a ParseError and resumes at the next line. Not an Error subclass: no stack trace is captured, which
 * keeps error recovery cheap on files with many mistakes.
 */
export class SyntaxFailure {
  constructor(
    readonly message: string,
    readonly start: number,
    readonly end: number,
  ) {}
}
