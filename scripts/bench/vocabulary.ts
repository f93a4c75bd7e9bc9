/** Word lists for the synthetic archive: enough variety that search indexes and tag pages look real. */
import type { Random } from './random.ts';

export const WORDS = (
  'the a of to and in is for on with as that it by from at this be are we an or can not you your our how ' +
  'what when why which more most each other into over under about after before between without through ' +
  'data system service server client request response cache queue stream event message schema table index ' +
  'query join transaction migration backup replica cluster node shard latency throughput memory thread ' +
  'process container image build deploy release pipeline test suite coverage benchmark profile trace metric ' +
  'log alert incident review design pattern module package library framework runtime compiler parser ' +
  'function method class interface type value error exception retry timeout budget limit quota token key ' +
  'secret policy role user account session cookie header body payload route handler middleware plugin ' +
  'feature flag rollout canary version branch commit merge conflict rebase patch diff review editor ' +
  'terminal shell script config file folder path network socket packet protocol proxy gateway domain ' +
  'record field column row view report dashboard chart graph model training dataset vector embedding ' +
  'search ranking filter sort page feed archive item post article draft note story thread reader writer ' +
  'quickly slowly carefully simply finally usually often rarely always never sometimes already still ' +
  'fast slow large small simple complex stable flaky modern legacy robust fragile clean messy clear ' +
  'improve reduce avoid handle measure explain compare migrate refactor replace rewrite ship debug ' +
  'understand learn share build choose keep move split merge scale tune fix break write read run'
).split(' ');

export const LANGUAGES = ['python', 'javascript', 'typescript', 'sql', 'bash', 'go', 'rust', 'json'] as const;
export type Language = (typeof LANGUAGES)[number];

export const FIRST_NAMES = [
  'Ada',
  'Bruno',
  'Chiara',
  'Dmitri',
  'Elif',
  'Farah',
  'Gustavo',
  'Hana',
  'Ines',
  'Jonas',
  'Keiko',
  'Léa',
  'Mateo',
  'Nadia',
  'Oskar',
  'Priya',
];

export const LAST_NAMES = ['Andersen', 'Borges', 'Chen', 'Dubois', 'Eriksson', 'Fernández', 'Gupta', 'Haddad'];

const SYLLABLES = 'ka lo mi ne ru sa te vo bi da fe go hu ji ko la ma no pe qui ra si to ul ve wa xe yo zu'.split(' ');

/** `size` distinct made-up words of two to four syllables: a vocabulary larger than WORDS, for search. */
export function madeUpWords(size: number, random: Random): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const length = random.int(2, 4);
    words.add(Array.from({ length }, () => random.pick(SYLLABLES)).join(''));
  }
  return [...words];
}
