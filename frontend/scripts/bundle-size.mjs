// Initial JavaScript of the production build, gzipped: the entry script plus every
// module it preloads (what a browser must fetch before the app can start).
// Usage: npm run size  (after npm run build). Fails above the 200 KB budget.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const BUDGET = 200 * 1024
const dist = new URL('../dist/', import.meta.url).pathname
const html = readFileSync(join(dist, 'index.html'), 'utf8')
const files = [
  ...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g),
].map((match) => match[1])

let total = 0
for (const file of files) {
  const size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length
  total += size
  console.log(`${(size / 1024).toFixed(1).padStart(7)} KB  ${file}`)
}
console.log(`${(total / 1024).toFixed(1).padStart(7)} KB  initial JavaScript, gzipped (budget ${BUDGET / 1024} KB)`)
if (total > BUDGET) {
  console.error('Over budget.')
  process.exit(1)
}
