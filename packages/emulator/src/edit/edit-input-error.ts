/** A problem with the images of a request: each route reports it in its own error format. */
export class EditInputError extends Error {
  constructor(
    message: string,
    readonly param: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'EditInputError';
  }
}
