/**
 * Paging cursors for batch read: opaque to clients (base64url, like HubSpot's), an offset into the
 * record's associations in ID order underneath.
 */

/** The cursor of the page starting at `offset`. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('base64url');
}

/** The offset a cursor names, or undefined for anything the sandbox did not hand out. */
export function decodeCursor(cursor: string): number | undefined {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) return undefined;
  const match = /^o:(0|[1-9][0-9]{0,8})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
