/** A WFDB file that cannot be read, with the file and the problem named so that a person can fix it. */
export class WfdbError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'WfdbError';
  }
}
