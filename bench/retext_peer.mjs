// The retext peer of bench/speed.py: lint text files with unified + retext-english and some
// of retext's rule plugins, one after another in one process, as a command-line tool would.
//
//   node retext_peer.mjs MODE PATH...     (PATH: a .txt file or a directory of them)
//
// MODE: "parse" (retext-english alone), "repeated" (+ retext-repeated-words, the one rule
// retext shares with lintnews outright) or "rules" (+ retext-repeated-words,
// retext-contractions, retext-quotes with straight quotes preferred, as in the news corpus,
// and retext-sentence-spacing: the plugins nearest lintnews's rule families of repeats,
// apostrophes, quotation marks and spacing).
// Prints {"files", "bytes", "messages"} as JSON. bench/speed.py installs the packages
// into a directory of its own, copies this file there and runs it.
import {readFileSync, readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {unified} from 'unified'
import retextEnglish from 'retext-english'
import retextStringify from 'retext-stringify'
import retextRepeatedWords from 'retext-repeated-words'
import retextContractions from 'retext-contractions'
import retextQuotes from 'retext-quotes'
import retextSentenceSpacing from 'retext-sentence-spacing'

const [mode, ...paths] = process.argv.slice(2)
const plugins = {
  parse: [],
  repeated: [retextRepeatedWords],
  rules: [retextRepeatedWords, retextContractions, [retextQuotes, {preferred: 'straight'}], retextSentenceSpacing],
}[mode]
if (!plugins) {
  console.error('usage: node retext_peer.mjs parse|repeated|rules PATH...')
  process.exit(2)
}
const files = paths.flatMap(p => statSync(p).isDirectory()
  ? readdirSync(p).filter(f => f.endsWith('.txt')).sort().map(f => join(p, f)) : [p])

let processor = unified().use(retextEnglish)
for (const plugin of plugins) processor = processor.use(...[plugin].flat())
processor = processor.use(retextStringify)

let bytes = 0, messages = 0
for (const path of files) {
  const text = readFileSync(path, 'utf8')
  bytes += Buffer.byteLength(text)
  messages += (await processor.process(text)).messages.length
}
console.log(JSON.stringify({files: files.length, bytes, messages}))
