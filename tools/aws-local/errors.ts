/** An AWS error as a behaviour raises it; the protocol turns it into AWS's wire format. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** HTTP status; when absent the model's error shape or the protocol's default (400) decides. */
    readonly status?: number,
    /** Extra members of the error shape (S3 `ArgumentName`, ...), serialised beside Code and Message. */
    readonly fields: Record<string, string | number> = {},
  ) {
    super(message)
    this.name = code
  }
}
