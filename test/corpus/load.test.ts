import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import defaults from '../../config/default.json' with { type: 'json' };
import { PROJECT_ROOT, projectPath } from '../../src/platform/config.js';
import { CorpusError, loadCorpus, type LoadOptions } from '../../src/corpus/load.js';
import { formatCitation, type Article, type Corpus } from '../../src/corpus/types.js';
import { UserError } from '../../src/platform/errors.js';

const OPTIONS: LoadOptions = { boilerplate: defaults.boilerplate, maxFileBytes: defaults.maxFileBytes };
const SEEDS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../seeds');

const ARTICLE = 'A Headline For The Test Article\n\nThe body of the article is one sentence. It has two.\n';
const LINK = 'a symbolic link (links are not followed; copy the file into the folder instead)';

function mkfifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

const canMakeDevices = ((): boolean => {
  const dir = mkdtempSync(path.join(tmpdir(), 'citebot-dev-'));
  try {
    execFileSync('mknod', [path.join(dir, 'null'), 'c', '1', '3'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();

/**
 * chmod 000 stops reading only for ordinary users: root (as in some CI containers) reads
 * anyway. Probe it once so the unreadable-file test runs wherever it can mean something.
 */
const permissionsAreEnforced = ((): boolean => {
  const dir = mkdtempSync(path.join(tmpdir(), 'citebot-perm-'));
  const file = path.join(dir, 'probe.txt');
  try {
    writeFileSync(file, 'x');
    chmodSync(file, 0o000);
    readFileSync(file);
    return false;
  } catch {
    return true;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();

const made: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'citebot-load-'));
  made.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of made.splice(0)) {
    await chmod(path.join(dir, 'locked.txt'), 0o644).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
});

/** The skip reason of one file, so each case fails with its own name. */
function reasonOf(corpus: Corpus, source: string): string | undefined {
  return corpus.skipped.find((s) => s.source === source)?.reason;
}

describe('loadCorpus on a folder', () => {
  it('GIVEN .txt files and other files THEN only the .txt files load, sorted by name, with dense ids', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'b.txt'), ARTICLE);
    await writeFile(path.join(dir, 'a.txt'), ARTICLE);
    await writeFile(path.join(dir, 'C.TXT'), ARTICLE);
    await writeFile(path.join(dir, 'notes.md'), ARTICLE);
    await writeFile(path.join(dir, 'a.txt.bak'), ARTICLE);
    const corpus = await loadCorpus(dir, OPTIONS);
    expect(corpus.dir).toBe(dir);
    expect(corpus.articles.map((a) => a.source)).toEqual(['C.TXT', 'a.txt', 'b.txt']);
    expect(corpus.skipped).toEqual([]);
    expect(corpus.articles.flatMap((a) => a.passages.map((p) => p.id))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(corpus.articles.map((a) => a.passages.map((p) => formatCitation(p)))).toEqual([
      ['C.TXT:1', 'C.TXT:3'],
      ['a.txt:1', 'a.txt:3'],
      ['b.txt:1', 'b.txt:3'],
    ]);
  });

  it('GIVEN a file THEN the article keeps the sha256 of its bytes and its lines', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'a.txt'), 'x\n\nHello there. Bye.\n');
    const [article] = (await loadCorpus(dir, OPTIONS)).articles as [Article];
    // `printf 'x\n\nHello there. Bye.\n' | sha256sum`
    expect(article.hash).toBe('f0d0bce4ebc9c60488c615cd81b8645005d749d42542afd602bcbe454a0a16a8');
    expect(article.lines).toEqual(['x', '', 'Hello there. Bye.']);
  });

  it('GIVEN an empty file and a whitespace-only file THEN both are skipped as empty', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'ok.txt'), ARTICLE);
    await writeFile(path.join(dir, 'empty.txt'), '');
    await writeFile(path.join(dir, 'blank.txt'), ' \n\n\t\r\n');
    const corpus = await loadCorpus(dir, OPTIONS);
    expect(corpus.articles.map((a) => a.source)).toEqual(['ok.txt']);
    expect(corpus.skipped).toEqual([
      { source: 'blank.txt', reason: 'empty file' },
      { source: 'empty.txt', reason: 'empty file' },
    ]);
  });

  it('GIVEN a file with NUL bytes THEN it is skipped as binary', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'ok.txt'), ARTICLE);
    await writeFile(path.join(dir, 'nul.txt'), Buffer.from('Some text\0more text\n'));
    expect(reasonOf(await loadCorpus(dir, OPTIONS), 'nul.txt')).toBe('contains NUL bytes (binary file?)');
  });

  it('GIVEN a Latin-1 file (invalid UTF-8) THEN it is skipped as not UTF-8, with the line of its first bad byte', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'ok.txt'), ARTICLE);
    await writeFile(path.join(dir, 'latin1.txt'), Buffer.from('A headline\n\ncaf\xe9 au lait\n', 'latin1'));
    expect(reasonOf(await loadCorpus(dir, OPTIONS), 'latin1.txt')).toBe(
      'not valid UTF-8 text (first bad byte on line 3; saved as Latin-1 or Windows-1252? save it as UTF-8)',
    );
    // A replacement character the file really holds (valid UTF-8) is not the bad byte.
    const mixed = Buffer.concat([Buffer.from('A headline\n\nreplaced \uFFFD here\n\n', 'utf8'), Buffer.from('caf\xe9\n', 'latin1')]);
    await writeFile(path.join(dir, 'latin1.txt'), mixed);
    expect(reasonOf(await loadCorpus(dir, OPTIONS), 'latin1.txt')).toMatch(/^not valid UTF-8 text \(first bad byte on line 5;/);
  });

  it('GIVEN a UTF-8 byte order mark THEN it is not part of the first line', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'bom.txt'), '\uFEFF' + ARTICLE);
    const [article] = (await loadCorpus(dir, OPTIONS)).articles as [Article];
    expect(article.lines[0]).toBe('A Headline For The Test Article');
    expect(article.title).toBe('A Headline For The Test Article');
  });

  it('GIVEN a file larger than maxFileBytes THEN it is skipped with both sizes; a file of exactly the limit loads', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'big.txt'), 'word '.repeat(600)); // 3000 bytes
    await writeFile(path.join(dir, 'exact.txt'), 'x'.repeat(2047) + '\n'); // 2048 bytes
    const corpus = await loadCorpus(dir, { ...OPTIONS, maxFileBytes: 2048 });
    expect(corpus.articles.map((a) => a.source)).toEqual(['exact.txt']);
    expect(corpus.skipped).toEqual([{ source: 'big.txt', reason: 'larger than the 2 KiB limit (3 KiB)' }]);
  });

  it('GIVEN the default 4 MiB limit and a 5 MiB file THEN the reason is in MiB', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'ok.txt'), ARTICLE);
    await writeFile(path.join(dir, 'huge.txt'), Buffer.alloc(5 * 1024 * 1024, 'a'));
    expect(reasonOf(await loadCorpus(dir, OPTIONS), 'huge.txt')).toBe('larger than the 4.0 MiB limit (5.0 MiB)');
  });

  it('GIVEN a sub-folder named x.txt THEN it is skipped as a folder', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'ok.txt'), ARTICLE);
    await mkdir(path.join(dir, 'x.txt'));
    await writeFile(path.join(dir, 'x.txt', 'inner.txt'), ARTICLE);
    const corpus = await loadCorpus(dir, OPTIONS);
    expect(corpus.articles.map((a) => a.source)).toEqual(['ok.txt']);
    expect(corpus.skipped).toEqual([{ source: 'x.txt', reason: 'a folder, not a file' }]);
  });

  it('GIVEN articles sorted into sub-folders THEN each folder is listed as skipped with why, hidden ones (.git) are not', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'ok.txt'), ARTICLE);
    for (const folder of ['2024', '2023', '.git']) {
      await mkdir(path.join(dir, folder));
      await writeFile(path.join(dir, folder, 'inner.txt'), ARTICLE);
    }
    const corpus = await loadCorpus(dir, OPTIONS);
    expect(corpus.articles.map((a) => a.source)).toEqual(['ok.txt']);
    const reason = 'a folder: only the .txt files directly in the corpus folder are read';
    expect(corpus.skipped).toEqual([
      { source: '2023/', reason },
      { source: '2024/', reason },
    ]);
  });

  it('GIVEN symlinks, to a file outside the folder, inside it, or to nothing THEN each is skipped as a link (never followed)', async () => {
    const dir = await tempDir();
    const outside = await tempDir();
    await writeFile(path.join(outside, 'secret.txt'), ARTICLE);
    await writeFile(path.join(dir, 'real.txt'), ARTICLE);
    await writeFile(path.join(dir, '..draft'), ARTICLE);
    await symlink(path.join(outside, 'secret.txt'), path.join(dir, 'out.txt'));
    await symlink('real.txt', path.join(dir, 'in.txt'));
    await symlink('..draft', path.join(dir, 'dots.txt'));
    await symlink('missing.txt.gone', path.join(dir, 'dangling.txt'));
    await symlink('/etc/passwd', path.join(dir, 'passwd.txt'));
    const corpus = await loadCorpus(dir, OPTIONS);
    expect(corpus.articles.map((a) => a.source)).toEqual(['real.txt']);
    expect(corpus.skipped).toEqual(
      ['dangling.txt', 'dots.txt', 'in.txt', 'out.txt', 'passwd.txt'].map((source) => ({ source, reason: LINK })),
    );
  });

  it('GIVEN a FIFO named x.txt with no writer THEN it is skipped as a named pipe, without blocking', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'ok.txt'), ARTICLE);
    mkfifo(path.join(dir, 'pipe.txt'));
    const corpus = await loadCorpus(dir, OPTIONS);
    expect(corpus.articles.map((a) => a.source)).toEqual(['ok.txt']);
    expect(corpus.skipped).toEqual([{ source: 'pipe.txt', reason: 'a named pipe (FIFO), not a file' }]);
  });

  it('GIVEN a Unix socket named x.txt THEN it is skipped as a socket', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'ok.txt'), ARTICLE);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(dir, 'sock.txt'), resolve));
    try {
      expect(reasonOf(await loadCorpus(dir, OPTIONS), 'sock.txt')).toBe('a socket, not a file');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  // Only root may create device nodes.
  it.skipIf(!canMakeDevices)(
    'GIVEN a character device named x.txt (like /dev/zero) THEN it is skipped as a device, never read',
    async () => {
      const dir = await tempDir();
      await writeFile(path.join(dir, 'ok.txt'), ARTICLE);
      execFileSync('mknod', [path.join(dir, 'zero.txt'), 'c', '1', '5']);
      expect(reasonOf(await loadCorpus(dir, OPTIONS), 'zero.txt')).toBe('a device, not a file');
    },
  );

  // Root reads a chmod 000 file anyway, so this case cannot be staged when the tests run as root.
  it.skipIf(!permissionsAreEnforced)(
    'GIVEN a file without read permission THEN it is skipped as unreadable (permission denied)',
    async () => {
      const dir = await tempDir();
      await writeFile(path.join(dir, 'ok.txt'), ARTICLE);
      await writeFile(path.join(dir, 'locked.txt'), ARTICLE);
      await chmod(path.join(dir, 'locked.txt'), 0o000);
      const corpus = await loadCorpus(dir, OPTIONS);
      expect(corpus.articles.map((a) => a.source)).toEqual(['ok.txt']);
      expect(corpus.skipped).toEqual([{ source: 'locked.txt', reason: 'unreadable (permission denied)' }]);
    },
  );

  it('GIVEN a missing folder THEN it throws a CorpusError (a UserError) saying it cannot be read', async () => {
    const dir = path.join(await tempDir(), 'nope');
    const error = await loadCorpus(dir, OPTIONS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorpusError);
    expect(error).toBeInstanceOf(UserError);
    expect((error as CorpusError).name).toBe('CorpusError');
    expect((error as CorpusError).message).toBe(`The corpus folder ${projectPath(dir)} cannot be read (not found).`);
  });

  it('GIVEN a missing folder inside the project THEN the message names it relative to the project, never by its absolute path', async () => {
    const dir = path.join(PROJECT_ROOT, 'no-such-corpus');
    await expect(loadCorpus(dir, OPTIONS)).rejects.toThrow(new CorpusError('The corpus folder no-such-corpus cannot be read (not found).'));
  });

  it('GIVEN a file path instead of a folder THEN it throws a CorpusError saying so', async () => {
    const file = path.join(await tempDir(), 'a.txt');
    await writeFile(file, ARTICLE);
    await expect(loadCorpus(file, OPTIONS)).rejects.toThrow(new CorpusError(`The corpus path ${projectPath(file)} is not a folder.`));
  });

  it('GIVEN a folder with only bad files THEN the CorpusError lists each skipped file with its reason', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'empty.txt'), '');
    await writeFile(path.join(dir, 'nul.txt'), Buffer.from('a\0b'));
    await writeFile(path.join(dir, 'readme.md'), ARTICLE);
    const error = await loadCorpus(dir, OPTIONS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorpusError);
    expect((error as CorpusError).message).toBe(
      `The corpus folder ${projectPath(dir)} has no usable .txt article (2 skipped: empty.txt: empty file; nul.txt: contains NUL bytes (binary file?)).`,
    );
  });

  it('GIVEN an empty folder THEN the CorpusError says there is no usable article and lists nothing', async () => {
    const dir = await tempDir();
    await expect(loadCorpus(dir, OPTIONS)).rejects.toThrow(
      new CorpusError(`The corpus folder ${projectPath(dir)} has no usable .txt article.`),
    );
  });
});

describe('loadCorpus on the seeds', () => {
  let seeds: Corpus;
  beforeAll(async () => {
    seeds = await loadCorpus(SEEDS_DIR, OPTIONS);
  });

  function article(corpus: Corpus, source: string): Article {
    const found = corpus.articles.find((a) => a.source === source);
    if (!found) throw new Error(`${source} not loaded`);
    return found;
  }

  it('GIVEN the three seeds THEN all load with their headlines and title lines', async () => {
    const corpus = seeds;
    expect(corpus.skipped).toEqual([]);
    expect(corpus.articles.map((a) => [a.source, a.title, a.titleLine])).toEqual([
      ['000_e54da9ff0ce102d3.txt', 'Kim Jong Un’s Russian Shopping Spree: Kamikaze Drones, Bulletproof Vests, and More', 3],
      ['001_dee9a08cf77086df.txt', 'North Korea - Kim Jong Un returns home from Russia', 7],
      [
        '004_fda3f1e6d2d72140.txt',
        'Kim Jong Un declares full support of Putin during his ‘sacred fight’ before meeting about military alliances',
        1,
      ],
    ]);
  });

  it('GIVEN the seeds THEN exactly the title and article paragraphs are answerable, at their lines', async () => {
    const corpus = seeds;
    const answerable = corpus.articles.map((a) =>
      a.passages.filter((p) => p.kind !== 'boilerplate').map((p) => `${formatCitation(p)} ${p.kind}`),
    );
    const lines = (source: string, title: number, body: number[]): string[] => [
      `${source}:${title} title`,
      ...body.map((n) => `${source}:${n} body`),
    ];
    expect(answerable).toEqual([
      lines('000_e54da9ff0ce102d3.txt', 3, [5, 7, 9, 11, 13, 15, 17, 19]),
      lines('001_dee9a08cf77086df.txt', 7, [9, 11, 13, 15, 17, 19, 21]),
      // Line 5 repeats line 3 word for word.
      lines('004_fda3f1e6d2d72140.txt', 1, [3, 9, 11, 13, 15, 17, 19, 21, 23]),
    ]);
  });

  it('GIVEN the known chrome lines of the seeds THEN each is there, is boilerplate, and no answerable passage has its text', async () => {
    const corpus = seeds;
    const chrome: Array<[string, number, string]> = [
      ['000_e54da9ff0ce102d3.txt', 1, "HomeThe LatestKim Jong Un's Russian Shopping Spree: Kamikaze Drones, Bulletproof Vests, and More"],
      ['000_e54da9ff0ce102d3.txt', 21, 'Source link'],
      ['000_e54da9ff0ce102d3.txt', 25, 'Please enter your comment!'],
      ['000_e54da9ff0ce102d3.txt', 26, 'Please enter your name here'],
      ['000_e54da9ff0ce102d3.txt', 28, 'Most Popular'],
      [
        '001_dee9a08cf77086df.txt',
        1,
        "Newspaper that inspires change. Breaking stories that shake the world. Be informed, Don't Settle for Fake News.",
      ],
      ['001_dee9a08cf77086df.txt', 3, 'feat shape 1'],
      ['001_dee9a08cf77086df.txt', 4, 'feat shape 2'],
      ['001_dee9a08cf77086df.txt', 5, 'feat shape 3'],
      ['001_dee9a08cf77086df.txt', 23, 'Share With Others'],
      ['001_dee9a08cf77086df.txt', 25, 'Comments on North Korea - Kim Jong Un returns home from Russia'],
      ['004_fda3f1e6d2d72140.txt', 7, 'ad-image'],
      ['004_fda3f1e6d2d72140.txt', 26, 'Image: Title: Putin Kim'],
      ['004_fda3f1e6d2d72140.txt', 28, 'Opinion'],
      ['004_fda3f1e6d2d72140.txt', 30, 'View All'],
      [
        '004_fda3f1e6d2d72140.txt',
        32,
        '200 anti-Israel celebs back petition demanding release of Palestinian leader who killed Israeli civilians',
      ],
      [
        '004_fda3f1e6d2d72140.txt',
        34,
        'Israeli courts convicted Barghouti during the Second Intifada for his role in organizing attacks that...',
      ],
      ['004_fda3f1e6d2d72140.txt', 36, 'Belarus frees over 120 political prisoners as US lifts sanctions'],
      [
        '004_fda3f1e6d2d72140.txt',
        38,
        '"It\'s a feeling of incredible happiness to see those who are dear to me, to hug them and realise we a...',
      ],
      ['004_fda3f1e6d2d72140.txt', 40, 'JACK POSOBIEC at AMFEST 2025: Keep God at the center of everything you do'],
      [
        '004_fda3f1e6d2d72140.txt',
        42,
        '"I said it a year ago today, the only way the West will be saved is if we return our civilization bac...',
      ],
      ['004_fda3f1e6d2d72140.txt', 44, 'EU spends $3M to end violence against women in Mexico'],
      [
        '004_fda3f1e6d2d72140.txt',
        46,
        'Since 2004, the European Union has financed 70 Mexican civil society organizations, investing a total...',
      ],
    ];
    for (const [source, line, text] of chrome) {
      const a = article(corpus, source);
      expect(a.lines[line - 1], `${source}:${line}`).toBe(text);
      expect(a.passages.find((p) => p.line === line)?.kind, `${source}:${line}`).toBe('boilerplate');
    }
    const chromeTexts = new Set(chrome.map(([, , text]) => text));
    const leaked = corpus.articles.flatMap((a) => a.passages).filter((p) => p.kind !== 'boilerplate' && chromeTexts.has(p.text));
    expect(leaked.map((p) => formatCitation(p))).toEqual([]);
  });
});

describe('loadCorpus with a metadata sidecar', () => {
  const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/metadata/sources.json');

  /** The seeds copied to a temporary folder, with `sources.json` as given (or none). */
  async function seedsWith(sidecar?: string | 'link'): Promise<string> {
    const dir = await tempDir();
    for (const name of ['000_e54da9ff0ce102d3.txt', '001_dee9a08cf77086df.txt', '004_fda3f1e6d2d72140.txt']) {
      await writeFile(path.join(dir, name), readFileSync(path.join(SEEDS_DIR, name)));
    }
    if (sidecar === 'link') await symlink(FIXTURE, path.join(dir, 'sources.json'));
    else if (sidecar !== undefined) await writeFile(path.join(dir, 'sources.json'), sidecar);
    return dir;
  }
  const metaOf = (corpus: Corpus) => corpus.articles.map((a) => [a.source, a.meta]);

  it('GIVEN the sample sidecar THEN the articles it names get their details, the other none, and the text is as without it', async () => {
    const corpus = await loadCorpus(await seedsWith(readFileSync(FIXTURE, 'utf8')), OPTIONS);
    expect(metaOf(corpus)).toEqual([
      [
        '000_e54da9ff0ce102d3.txt',
        {
          url: 'https://news.example.com/2023/09/kim-jong-un-russian-shopping-spree',
          publisher: 'Example News',
          published: '2023-09-18',
        },
      ],
      ['001_dee9a08cf77086df.txt', undefined],
      ['004_fda3f1e6d2d72140.txt', { url: 'https://daily.example.org/world/kim-putin-sacred-fight', publisher: 'Example Daily' }],
    ]);
    expect(corpus.metadataProblems).toEqual([]);
    expect(corpus.skipped).toEqual([]);
    const plain = await loadCorpus(await seedsWith(), OPTIONS);
    // Two copies differ in modification time only.
    const withoutMeta = corpus.articles.map(({ meta: _meta, mtimeMs: _time, ...rest }) => rest);
    expect(withoutMeta).toEqual(plain.articles.map(({ mtimeMs: _time, ...rest }) => rest));
  });

  it('GIVEN no sidecar THEN no article has details and there is no problem', async () => {
    const corpus = await loadCorpus(await seedsWith(), OPTIONS);
    expect(corpus.articles.every((a) => !('meta' in a))).toBe(true);
    expect(corpus.metadataProblems).toEqual([]);
  });

  it('GIVEN a sidecar that is not JSON THEN every article loads without details and the problem is reported', async () => {
    const corpus = await loadCorpus(await seedsWith('{ "000_e54da9ff0ce102d3.txt": '), OPTIONS);
    expect(corpus.articles).toHaveLength(3);
    expect(corpus.articles.every((a) => a.meta === undefined)).toBe(true);
    expect(corpus.metadataProblems).toHaveLength(1);
    expect(corpus.metadataProblems?.[0]?.reason).toMatch(/^not valid JSON \(/);
  });

  it('GIVEN a sidecar that is a symbolic link or empty THEN it is not read, and the reason is reported', async () => {
    const linked = await loadCorpus(await seedsWith('link'), OPTIONS);
    expect(linked.articles.every((a) => a.meta === undefined)).toBe(true);
    expect(linked.metadataProblems).toEqual([{ reason: `${LINK}; no article has details from it` }]);
    const empty = await loadCorpus(await seedsWith(''), OPTIONS);
    expect(empty.metadataProblems).toEqual([{ reason: 'empty file; no article has details from it' }]);
  });
});
