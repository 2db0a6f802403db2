/** A small article whose line numbers the search tests assert: a title, five paragraphs, two chrome lines. */
export const A = [
  'Leaders Gather In The Far East Today', // 1 title
  '',
  'The governor handed the visitor a gift of five kamikaze drones and a bulletproof vest at the ceremony.', // 3
  '',
  'The visitor also received a present of warm clothing from the regional officials.', // 5
  '',
  'Officials in South Korea warned that the weapons transfer would violate sanctions resolutions.', // 7
  '',
  'Officials in Seoul said they were watching the transfer closely with their allies.', // 9
  '',
  'The army test-fired a missile near the coast on Monday, officials said.', // 11
  '',
  'Image: Kamikaze drones on display', // 13 boilerplate
  '',
  'Source link', // 15 boilerplate
  '',
].join('\n');

/** A second article's first lines: a title, a heading repeating it, and one paragraph (line 5). */
export const B_LINES = [
  'Reconnaissance Aircraft Shown To Visitors', // 1 title
  '',
  'Reconnaissance aircraft', // 3 heading
  '',
  'The delegation toured a factory where reconnaissance aircraft are assembled for the air force.', // 5
];
