// The TextMate grammar (syntaxes/nix.tmLanguage.json): token snapshots of every
// test/syntax/*.nix, plus targeted checks of what a user would see go wrong.
// UPDATE_SNAPSHOTS=1 rewrites the snapshots instead of comparing them.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

// Bundled to dist/test/unit/grammar.test.js: the repository is three levels up.
const root = join(__dirname, '..', '..', '..');
const grammarPath = join(root, 'syntaxes', 'nix.tmLanguage.json');
const syntaxDir = join(root, 'test', 'syntax');
const updateSnapshots = process.env.UPDATE_SNAPSHOTS === '1';
const ROOT_SCOPE = 'source.nix';

interface Token {
  line: number; // 0-based
  start: number;
  end: number;
  text: string;
  scopes: string[]; // without source.nix
}

let grammar: vsctm.IGrammar;

before(async () => {
  await oniguruma.loadWASM({ data: readFileSync(join(root, 'node_modules/vscode-oniguruma/release/onig.wasm')) });
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === ROOT_SCOPE ? vsctm.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  const loaded = await registry.loadGrammar(ROOT_SCOPE);
  assert.ok(loaded, 'grammar source.nix loads');
  grammar = loaded;
});

/** Tokenizes like VS Code: lines split on \r\n, \r or \n, state carried from line to line. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let state: vsctm.StateStack = vsctm.INITIAL;
  text.split(/\r\n|\r|\n/).forEach((lineText, line) => {
    const result = grammar.tokenizeLine(lineText, state);
    assert.equal(result.stoppedEarly, false);
    for (const t of result.tokens) {
      const end = Math.min(t.endIndex, lineText.length);
      if (end <= t.startIndex) continue;
      assert.equal(t.scopes[0], ROOT_SCOPE);
      tokens.push({ line, start: t.startIndex, end, text: lineText.slice(t.startIndex, end), scopes: t.scopes.slice(1) });
    }
    state = result.ruleStack;
  });
  return tokens;
}

const isBlank = (t: Token) => t.scopes.length === 0 && t.text.trim() === '';

/** One line per source line (`N| text`), then one per token: `N:start-end "text" scopes`. */
function render(name: string, text: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  const tokens = tokenize(text);
  const out = [`# ${name}: N| source line, then N:start-end "token" scopes (lines 1-based, columns 0-based, end exclusive; source.nix omitted)`];
  lines.forEach((lineText, line) => {
    out.push(`${line + 1}| ${lineText}`.trimEnd());
    for (const t of tokens) {
      if (t.line === line && !isBlank(t)) out.push(`${line + 1}:${t.start}-${t.end} ${JSON.stringify(t.text)} ${t.scopes.join(' ')}`.trimEnd());
    }
  });
  return out.join('\n') + '\n';
}

/** Scopes of the token holding the nth occurrence of `needle` in `text`. */
function scopesAt(text: string, needle: string, nth = 0): string[] {
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = text.indexOf(needle, offset + 1);
    assert.notEqual(offset, -1, `${JSON.stringify(needle)} #${i} in ${JSON.stringify(text)}`);
  }
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  const line = before.length - 1;
  const col = before[line]!.length;
  const token = tokenize(text).find((t) => t.line === line && t.start <= col && col < t.end);
  assert.ok(token, `a token at ${JSON.stringify(needle)}`);
  return token.scopes;
}

/** What VS Code makes of a token (brackets, auto-closing): the innermost comment, string or embedded scope. */
function tokenType(scopes: string[]): 'comment' | 'string' | 'embedded' | 'other' {
  for (const s of [...scopes].reverse()) {
    if (s.startsWith('comment')) return 'comment';
    if (s.startsWith('string')) return 'string';
    if (s.startsWith('meta.embedded')) return 'embedded';
  }
  return 'other';
}

const has = (scopes: string[], prefix: string) => scopes.some((s) => s.startsWith(prefix));

describe('Nix TextMate grammar', () => {
  describe('grammar file', () => {
    const raw = JSON.parse(readFileSync(grammarPath, 'utf8')) as { scopeName: string; repository: Record<string, unknown> };

    it('has the scope source.nix (the one Nix IDE uses, so either grammar serves)', () => {
      assert.equal(raw.scopeName, 'source.nix');
    });

    it('includes only repository rules that exist, and every rule is used', () => {
      const includes = new Set<string>();
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          for (const [k, v] of Object.entries(node)) {
            if (k === 'include' && typeof v === 'string') includes.add(v);
            else walk(v);
          }
        }
      };
      walk(raw);
      const names = Object.keys(raw.repository);
      for (const inc of includes) assert.ok(names.includes(inc.slice(1)), `${inc} exists in the repository`);
      for (const name of names) assert.ok(includes.has(`#${name}`), `#${name} is included somewhere`);
    });

    it('compiles every regular expression', () => {
      const walk = (node: unknown, path: string): void => {
        if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${path}[${i}]`));
        else if (node && typeof node === 'object') {
          for (const [k, v] of Object.entries(node)) {
            if ((k === 'match' || k === 'begin' || k === 'end') && typeof v === 'string') {
              assert.doesNotThrow(() => new oniguruma.OnigScanner([v]).dispose(), `${path}.${k}: ${v}`);
            } else walk(v, `${path}.${k}`);
          }
        }
      };
      walk(raw.repository, 'repository');
    });
  });

  describe('snapshots (test/syntax/*.nix)', () => {
    const samples = readdirSync(syntaxDir).filter((f) => f.endsWith('.nix')).sort();

    it('has samples, and no snapshot without its sample', () => {
      assert.ok(samples.length >= 4, 'at least four samples');
      const orphans = readdirSync(syntaxDir).filter((f) => f.endsWith('.nix.snap') && !samples.includes(f.slice(0, -5)));
      if (updateSnapshots) orphans.forEach((f) => rmSync(join(syntaxDir, f)));
      else assert.deepEqual(orphans, [], 'snapshots whose sample is gone (UPDATE_SNAPSHOTS=1 removes them)');
    });

    for (const name of samples) {
      it(name, () => {
        const text = readFileSync(join(syntaxDir, name), 'utf8');
        const actual = render(name, text);
        const snapPath = join(syntaxDir, `${name}.snap`);
        if (updateSnapshots) {
          writeFileSync(snapPath, actual);
          return;
        }
        assert.ok(existsSync(snapPath), `${name}.snap is missing: run with UPDATE_SNAPSHOTS=1 and review it`);
        assert.equal(actual, readFileSync(snapPath, 'utf8'), `${name}: tokens changed (UPDATE_SNAPSHOTS=1 rewrites; review the diff)`);
      });
    }

    it('leaves no code outside strings and comments unscoped', () => {
      for (const name of samples) {
        const stray = tokenize(readFileSync(join(syntaxDir, name), 'utf8')).filter((t) => t.scopes.length === 0 && t.text.trim() !== '');
        assert.deepEqual(stray.map((t) => `${name}:${t.line + 1}:${t.start} ${JSON.stringify(t.text)}`), []);
      }
    });

    it('keeps the CRLF sample in CRLF, tokenized as its LF twin', () => {
      const text = readFileSync(join(syntaxDir, 'crlf.nix'), 'utf8');
      assert.match(text, /\r\n/);
      assert.doesNotMatch(text.replace(/\r\n/g, ''), /[\r\n]/, 'every line ends in CRLF');
      assert.deepEqual(tokenize(text), tokenize(text.replace(/\r\n/g, '\n')));
    });
  });

  describe('what a user sees', () => {
    it('colours an interpolation as code, and the string around it as string', () => {
      const src = 'x = "a ${b} c";';
      assert.equal(tokenType(scopesAt(src, 'b')), 'embedded');
      assert.ok(has(scopesAt(src, 'b'), 'variable.other'));
      assert.ok(has(scopesAt(src, '${'), 'punctuation.section.embedded.begin'));
      assert.ok(has(scopesAt(src, '}'), 'punctuation.section.embedded.end'));
      assert.equal(tokenType(scopesAt(src, ' c')), 'string');
    });

    it('balances braces and strings nested in interpolations', () => {
      const src = 'x = "${ { a = "}"; }.a + "${"in"}" }"; y = 1;';
      assert.equal(tokenType(scopesAt(src, 'in')), 'string');
      assert.ok(has(scopesAt(src, 'a ='), 'entity.other.attribute-name'));
      assert.equal(tokenType(scopesAt(src, 'y')), 'other');
      assert.ok(has(scopesAt(src, 'y'), 'entity.other.attribute-name'));
      assert.ok(has(scopesAt(src, '1'), 'constant.numeric'));
    });

    it("treats ''$, ''' and ''\\n as escapes in an indented string, so ''${ is no interpolation", () => {
      const src = "''\n  a ''${x} b ''' c ''\\n d\n''; y = 1;";
      assert.deepEqual(scopesAt(src, "''$").slice(-1), ['constant.character.escape.nix']);
      assert.equal(tokenType(scopesAt(src, 'x')), 'string');
      assert.ok(!has(scopesAt(src, 'x'), 'meta.embedded'));
      assert.deepEqual(scopesAt(src, "'''").slice(-1), ['constant.character.escape.nix']);
      assert.equal(tokenType(scopesAt(src, ' c')), 'string', "''' does not end the string");
      assert.deepEqual(scopesAt(src, "''\\n").slice(-1), ['constant.character.escape.nix']);
      assert.equal(tokenType(scopesAt(src, 'y')), 'other', 'the string ends at the lone closing quotes');
    });

    it("interpolates ${ } in an indented string, with strings nested inside", () => {
      const src = "''\n  ${lib.concatMapStrings (n: ''\n    ${n}\n  '') xs}\n''";
      assert.equal(tokenType(scopesAt(src, 'concatMapStrings')), 'embedded');
      assert.equal(tokenType(scopesAt(src, 'n}')), 'embedded');
      assert.equal(tokenType(scopesAt(src, 'xs')), 'embedded');
    });

    it('does not read # in an indented or double-quoted string as a comment', () => {
      for (const src of ["''\n  # not a comment\n''", '"# not a comment"']) {
        const scopes = scopesAt(src, '#');
        assert.equal(tokenType(scopes), 'string', src);
        assert.ok(!has(scopes, 'comment'), src);
      }
    });

    it('reads ${ inside a comment as comment', () => {
      for (const src of ['# see ${pkgs.hello}\nx', '/* ${a} "b */ x']) {
        assert.deepEqual(scopesAt(src, '${'), [src.startsWith('#') ? 'comment.line.number-sign.nix' : 'comment.block.nix']);
        assert.equal(tokenType(scopesAt(src, 'x')), 'other', 'the comment ends');
      }
    });

    it('gives quoted and plain attribute names the attribute-name scope', () => {
      const src = '{ "quoted".name = 1; aa.${b}.cc = 2; }';
      for (const needle of ['quoted', 'name', 'aa', 'cc']) assert.ok(has(scopesAt(src, needle), 'entity.other.attribute-name'), needle);
      assert.equal(tokenType(scopesAt(src, 'b')), 'embedded');
      assert.ok(!has(scopesAt(src, '1'), 'entity.other.attribute-name'));
    });

    it('gives inherited names the attribute-name scope', () => {
      const src = 'inherit (lib) mkIf "x"; inherit pkgs;';
      assert.ok(has(scopesAt(src, 'lib'), 'variable.other'));
      for (const needle of ['mkIf', 'x', 'pkgs']) assert.ok(has(scopesAt(src, needle), 'entity.other.attribute-name'), needle);
    });

    it('marks URIs as links and paths as paths, with interpolation', () => {
      assert.ok(has(scopesAt('src = https://example.org/a?b=c;', 'example'), 'markup.underline.link'));
      for (const path of ['./a/b.nix', '../x', '/abs', '~/h', '<nixpkgs>', 'a/b']) {
        assert.ok(has(scopesAt(`x = ${path};`, path), 'string.unquoted'), path);
      }
      const src = 'imports = [ ./${name}.nix ];';
      assert.ok(has(scopesAt(src, '.nix'), 'string.unquoted.path'));
      assert.equal(tokenType(scopesAt(src, 'name')), 'embedded');
      assert.ok(has(scopesAt('a // b', '//'), 'keyword.operator'), 'update operator is no path');
      assert.ok(has(scopesAt('a / b', '/'), 'keyword.operator'), 'division is no path');
    });

    it('marks lambda parameters and formals', () => {
      const src = '{ a, b ? 1, ... }@args: x: a';
      for (const needle of ['a', 'b', 'args', 'x']) assert.ok(has(scopesAt(src, needle), 'variable.parameter'), needle);
      assert.ok(has(scopesAt('{\n  lib,\n  c ? null,\n}: lib', 'c'), 'variable.parameter'));
      assert.ok(!has(scopesAt('{ a = b; }', 'b'), 'variable.parameter'));
    });

    it('marks the function of an application, not list elements', () => {
      assert.ok(has(scopesAt('x = lib.mkIf cfg.enable { };', 'mkIf'), 'entity.name.function'));
      assert.ok(!has(scopesAt('x = lib.mkIf cfg.enable { };', 'enable'), 'entity.name.function'));
      assert.ok(!has(scopesAt('x = [ a b ];', 'a'), 'entity.name.function'));
      assert.ok(has(scopesAt('x = [ (f a) ];', 'f'), 'entity.name.function'));
    });

    it('keeps identifiers with - and \' whole (in-place is no keyword, x-1 no subtraction)', () => {
      assert.deepEqual(scopesAt('in-place', 'place'), ['variable.other.nix']);
      assert.deepEqual(scopesAt("x-1 + x'", '1'), ['variable.other.nix']);
      assert.deepEqual(scopesAt('x - 1', '1'), ['constant.numeric.integer.nix']);
    });
  });
});
