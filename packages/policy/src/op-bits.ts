/** agentsh's file-operation vocabulary (FUSE and ptrace backends together). */
export const FILE_OPS: readonly string[] = [
  'open',
  'read',
  'write',
  'create',
  'delete',
  'rmdir',
  'mkdir',
  'rename',
  'link',
  'symlink',
  'chmod',
  'chown',
  'stat',
  'list',
  'readlink',
];
export const UNIX_SOCKET_OPS: readonly string[] = ['connect', 'bind', 'listen', 'sendto'];

/**
 * Maps operation names to bits so a rule's operation list is one integer test. Names outside the
 * vocabulary get their own bits as rules mention them (up to 31 distinct names per table).
 */
export class OpBits {
  private readonly bits = new Map<string, number>();

  constructor(vocabulary: readonly string[]) {
    for (const op of vocabulary) this.bitOf(op);
  }

  bitOf(op: string): number {
    const known = this.bits.get(op);
    if (known !== undefined) return known;
    if (this.bits.size >= 31) return 0;
    const bit = 1 << this.bits.size;
    this.bits.set(op, bit);
    return bit;
  }

  /** The bit of an operation in a question; 0 for names no rule mentions (only '*' rules match). */
  lookup(op: string): number {
    return this.bits.get(op) ?? 0;
  }

  /** A rule's mask; -1 for "every operation" (empty list or '*'). */
  maskOf(ops: readonly string[]): number {
    if (ops.length === 0) return -1;
    let mask = 0;
    for (const raw of ops) {
      const op = raw.trim().toLowerCase();
      if (op === '*') return -1;
      mask |= this.bitOf(op);
    }
    return mask;
  }
}
