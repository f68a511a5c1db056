/**
 * A word-level comparison of two versions of a text, so an amendment's changes
 * stand out. Longest common subsequence over words (and the spaces between
 * them); above a size limit it gives up and marks nothing, rather than stall.
 */

export interface Piece {
  text: string
  /** 'same' in both versions, 'removed' only in the old one, 'added' only in the new one. */
  kind: 'same' | 'removed' | 'added'
}

const MAX_CELLS = 400_000

function tokens(text: string): string[] {
  // Each word with the space after it, so a changed phrase reads as one piece.
  return text.match(/^\s+|\S+\s*/g) ?? []
}

/** The old text's pieces and the new text's pieces, with what changed marked. */
export function wordDiff(before: string, after: string): { before: Piece[]; after: Piece[] } {
  const a = tokens(before)
  const b = tokens(after)
  if (a.length * b.length > MAX_CELLS) {
    return { before: [{ text: before, kind: 'same' }], after: [{ text: after, kind: 'same' }] }
  }
  // lengths[i][j]: LCS length of a[i:] and b[j:]
  const lengths: Uint32Array[] = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1))
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1])
    }
  }
  const left: Piece[] = []
  const right: Piece[] = []
  const push = (list: Piece[], text: string, kind: Piece['kind']) => {
    const last = list[list.length - 1]
    if (last && last.kind === kind) last.text += text
    else list.push({ text, kind })
  }
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push(left, a[i], 'same')
      push(right, b[j], 'same')
      i += 1
      j += 1
    } else if (lengths[i + 1][j] >= lengths[i][j + 1]) {
      push(left, a[i], 'removed')
      i += 1
    } else {
      push(right, b[j], 'added')
      j += 1
    }
  }
  for (; i < a.length; i += 1) push(left, a[i], 'removed')
  for (; j < b.length; j += 1) push(right, b[j], 'added')
  return { before: left, after: right }
}
