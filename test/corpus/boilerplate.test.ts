import { describe, expect, it } from 'vitest';
import { compileBoilerplate, isTeaserMarker } from '../../src/corpus/boilerplate.js';

const rules = compileBoilerplate({ linePatterns: [], teaserMarkers: ['Most Popular', 'Related'] });
const prose = 'The council met on Tuesday and agreed the budget after a long debate about the roads. '.repeat(8);

describe('isTeaserMarker', () => {
  it('GIVEN a marker as the line, or glued to the next headline THEN it opens a teaser block, however long the line', () => {
    expect(isTeaserMarker('Most Popular', rules)).toBe(true);
    expect(isTeaserMarker('“Related”', rules)).toBe(false);
    expect(isTeaserMarker(`Most PopularCouncil agrees budget ${prose}`, rules)).toBe(true);
    expect(isTeaserMarker(`Most Popular council ${prose}`, rules)).toBe(false);
    expect(isTeaserMarker(prose, rules)).toBe(false);
  });

  it('GIVEN a long line whose start says nothing yet (spaces, invisible characters) THEN the whole line decides', () => {
    expect(isTeaserMarker(`Most Popular${' '.repeat(1_000)}`, rules)).toBe(true);
    expect(isTeaserMarker(`${'\u200B'.repeat(1_000)}RelatedCouncil agrees budget`, rules)).toBe(true);
    expect(isTeaserMarker(`${'\u200B'.repeat(1_000)}Related council ${prose}`, rules)).toBe(false);
    expect(isTeaserMarker(`${' '.repeat(1_000)}Most Popular`, rules)).toBe(true);
  });

  it('GIVEN text whose normalized head depends on what follows (a final sigma before a run of dots) THEN the whole line decides', () => {
    const greek = compileBoilerplate({ linePatterns: [], teaserMarkers: ['ΟΙ ΠΙΟ ΔΗΜΟΦΙΛΕΙΣ', 'ΑΣ'] });
    // Cut inside the dots, the head would read "δημοφιλεις" with a final ς, and the double space shift the letter after the marker.
    expect(isTeaserMarker(`ΟΙ ΠΙΟ  ΔΗΜΟΦΙΛΕΙΣ${'.'.repeat(150)}Άρθρο για τον προϋπολογισμό`, greek)).toBe(false);
    expect(isTeaserMarker(`Α\u0301Σ${"'".repeat(200)}Bετα`, greek)).toBe(false);
  });
});
