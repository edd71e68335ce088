/**
 * `COPY table (cols) FROM STDIN` for the PostgreSQL store, over the `pg` client already used
 * (no pg-copy-streams): `pg` hands any query object with a `submit(connection)` method the
 * protocol messages of its command, and its Connection sends CopyData / CopyDone / CopyFail.
 * Rows travel in PostgreSQL's COPY text format, built here in one string per call.
 *
 * Each value goes through the column type's input function, as a `$n::type` parameter does,
 * so a row stored by COPY equals the one an INSERT … VALUES with the same values stored.
 */
import type pg from 'pg';

export type Cell = string | number | null | undefined;

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const escapeChar = (c: string): string => ESCAPES[c];

/**
 * One value in COPY text format: NULL is \N; backslash, tab, newline and carriage return are
 * backslash-escaped (every other character stands for itself). Numbers as `pg` sends them
 * as parameters (String(n)).
 */
export function copyValue(v: Cell): string {
  if (v === null || v === undefined) return '\\N';
  const s = typeof v === 'string' ? v : String(v);
  return SPECIAL.test(s) ? s.replace(SPECIALS, escapeChar) : s;
}

/** A row in COPY text format: values separated by tabs, ended by a newline. */
export function copyRow(values: readonly Cell[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) out += (i ? '\t' : '') + copyValue(values[i]);
  return out + '\n';
}

/**
 * COPY text rows written straight into a growing UTF-8 buffer (each value encoded where it
 * lies: no long string built by concatenation, flattened and then encoded).
 */
export class CopyBuffer {
  private buf = Buffer.allocUnsafe(1 << 16);
  private len = 0;

  /** Bytes written so far. */
  get length(): number {
    return this.len;
  }

  private ensure(bytes: number): void {
    if (this.len + bytes <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + bytes));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  /** Appends one row (as copyRow, encoded in UTF-8). */
  row(values: readonly Cell[]): void {
    for (let i = 0; i < values.length; i++) {
      const s = copyValue(values[i]);
      this.ensure(s.length * 3 + 1);
      if (s.length < 16) {
        // Short values (numbers, codes) byte by byte when ASCII.
        let k = 0;
        for (; k < s.length; k++) {
          const c = s.charCodeAt(k);
          if (c > 0x7f) break;
          this.buf[this.len + k] = c;
        }
        if (k === s.length) this.len += k;
        else this.len += this.buf.write(s, this.len, 'utf8');
      } else this.len += this.buf.write(s, this.len, 'utf8');
      this.buf[this.len++] = i === values.length - 1 ? 0x0a : 0x09;
    }
  }

  /** The rows written (a view of the buffer: valid until the next row). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.len);
  }

  clear(): void {
    this.len = 0;
  }
}

/** The Connection methods of `pg` a COPY FROM STDIN uses (present in pg 8, not in its types). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

/** Largest CopyData message sent (the data is split into messages of at most this size). */
const MESSAGE_BYTES = 1 << 20;

/**
 * A COPY … FROM STDIN of `data` (rows in text format), as a query object for `client.query`.
 * Resolves with the number of rows copied; rejects with the server's error (the transaction
 * is then aborted, as with any failed statement).
 */
class CopyIn {
  private rowCount = 0;
  private error: Error | null = null;
  readonly done: Promise<number>;
  private settle!: (err: Error | null, n: number) => void;

  constructor(private readonly text: string, private readonly data: Buffer) {
    this.done = new Promise<number>((resolve, reject) => {
      this.settle = (err, n) => (err ? reject(err) : resolve(n));
    });
  }

  submit(connection: pg.Connection): void {
    (connection as unknown as CopyConnection).query(this.text);
  }

  handleCopyInResponse(connection: pg.Connection): void {
    const c = connection as unknown as CopyConnection;
    for (let i = 0; i < this.data.length; i += MESSAGE_BYTES) c.sendCopyFromChunk(this.data.subarray(i, i + MESSAGE_BYTES));
    c.endCopyFrom();
  }

  handleCommandComplete(msg: { text?: string }): void {
    const m = /^COPY (\d+)/.exec(msg.text ?? '');
    this.rowCount = m ? Number(m[1]) : 0;
  }

  handleError(err: Error): void {
    // The server sends ReadyForQuery after an error; `pg` no longer routes it to this query.
    if (this.error) return;
    this.error = err;
    this.settle(err, 0);
  }

  handleReadyForQuery(): void {
    if (!this.error) this.settle(null, this.rowCount);
  }

  // Messages a COPY FROM never receives; `pg` may call them on any active query.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/**
 * Copies rows already in COPY text format (`data`, from copyRow or a CopyBuffer) into `table` (`cols`,
 * identifiers as written). Returns the number of rows the server stored.
 */
export async function copyFrom(c: pg.PoolClient, table: string, cols: readonly string[], data: string | Buffer): Promise<number> {
  const q = new CopyIn(`COPY ${table} (${cols.join(', ')}) FROM STDIN`, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  c.query(q);
  return q.done;
}
