/**
 * A name from a scanned file as it goes between the quotes of a message: quotes, backslashes and control
 * characters escaped, so `we"b` cannot end the quoted name early or forge the rest of the message.
 */
export function escapeName(name: string): string {
  return JSON.stringify(name).slice(1, -1);
}
