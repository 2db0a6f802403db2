import { describe, expect, it } from 'vitest';
import { ask } from '../../src/answer/ask.js';
import { askJson } from '../../src/render/json.js';
import { seedLibrary } from '../support/seeds.js';

describe('askJson', () => {
  it('GIVEN a long message ending in a question THEN `searched` gives the question searched; GIVEN a short one THEN no `searched`', async () => {
    const library = await seedLibrary();
    const long = `${'Some context about my week, which was long. '.repeat(10)}Which governor gifted the drones?`;
    expect(askJson(ask(library, long))).toMatchObject({
      searched: 'Which governor gifted the drones?',
      outcome: 'answer',
      answer: { source: '000_e54da9ff0ce102d3.txt', line: 7 },
    });
    expect(askJson(ask(library, 'which governor gifted the drones'))).not.toHaveProperty('searched');
  });
});
