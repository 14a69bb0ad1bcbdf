/**
 * The text the pre-filter (rules/analyze.ts's mayHaveFindings,
 * workspace/fileFacts.ts's mayMatter) searches for words: a word the model
 * can see must be found there, or a file with findings is dropped unparsed.
 *
 * The model meets words two ways. Some it finds in the raw text
 * (`interfaces`, `type`, `macAddress` by find.ts's namesInTree; `ip link set`
 * and `microvm-lint:` by regular expressions). Others it compares by decoded
 * value: a string (`type = "macvtap"`) or a quoted attribute name
 * (`"microvm".vms`), read by parse/syntax.ts's stringLiteral and
 * setReader.ts as the string's fragments (slices of the raw text) joined with
 * its escapes decoded: `\x` is x in "..." (`\n`, `\t`, `\r` are control
 * characters), `''\x` likewise in ''...'', `'''` is `''`, `\$` and `''$` a `$`.
 * Interpolations (`${"interfaces"}`) are not decoded: the model knows no
 * such name or value. Comments and paths have no escapes.
 *
 * The words compared by decoded value are letters only (`macvtap`,
 * `interfaces`, `microvm`, `macAddress`, `MACAddress`), so one can be missing
 * from the raw text only through an escape that yields a letter: a `\`
 * before one other than n, t, r. Most files have none (`\${`, `\"`, `\n`,
 * `\\` are the usual escapes): their raw text is searched as it is, and the
 * CLI's bytes without decoding them. In the others, the text is searched with
 * every `\` and every `''` before one removed: a decoded word is then a run of
 * that text (its fragments and escaped letters, with only the escape prefixes
 * between them gone), and a raw occurrence stays one (no word searched for
 * holds a `\` or `'`). A `\` removed that was no escape only joins more
 * letters: a file is parsed for nothing, never dropped wrongly.
 * test/unit/prefilter.test.ts checks it against the full analysis.
 */

/** A file's UTF-8 bytes as Node's Buffer holds them: searchable for a string without decoding. */
export interface RawBytes extends Uint8Array {
  includes(value: string | number, byteOffset?: number): boolean;
  indexOf(value: string | number, byteOffset?: number): number;
}

export type RawText = string | RawBytes;

/** `\` then a letter its escape stands for (`\n`, `\t`, `\r` are control characters). */
const SPELLING_ESCAPE = /\\[A-Za-mo-qsu-z]/;
const BACKSLASH = 0x5c;

/** The same test on bytes: UTF-8 never uses an ASCII byte inside a multi-byte character. */
function spellsInBytes(bytes: RawBytes): boolean {
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: past the end a byte is undefined, which is no letter
  for (let i = bytes.indexOf(BACKSLASH); i !== -1 && i + 1 < bytes.length; i = bytes.indexOf(BACKSLASH, i + 1)) {
    const c = bytes[i + 1];
    const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if (letter && c !== 0x6e && c !== 0x74 && c !== 0x72) return true;
  }
  return false;
}

let decoder: { decode(bytes: Uint8Array): string } | undefined;

/** What the pre-filter searches: see the module comment. */
export class DecodedWords {
  private constructor(private readonly searched: { includes(word: string): boolean }) {}

  /** Does the word occur in the text, or in a string or quoted name as the model decodes it? */
  includes(word: string): boolean {
    return this.searched.includes(word);
  }

  /** The words of a file's text or bytes (a DecodedWords is returned as it is). */
  static of(raw: RawText | DecodedWords): DecodedWords {
    if (raw instanceof DecodedWords) return raw;
    const spells = typeof raw === 'string' ? SPELLING_ESCAPE.test(raw) : spellsInBytes(raw);
    if (!spells) return new DecodedWords(raw);
    const text = typeof raw === 'string' ? raw : (decoder ??= new TextDecoder()).decode(raw);
    return new DecodedWords(text.replace(/(?:'')?\\/g, ''));
  }
}
