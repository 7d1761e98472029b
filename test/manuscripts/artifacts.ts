/**
 * What each source text holds that is not body text, as the seeds' README lists it: the
 * CAE paper's page artifact in 3.2, the MFA republication's website chrome and trailer.
 */
import type { SourceArtifacts } from '../helpers/fidelity.ts';

export const sources: Record<string, { seed: string; artifacts: SourceArtifacts }> = {
  'cae-2016': {
    seed: 'test/fixtures/sources/cae-2016.txt',
    artifacts: { lines: ['015', 'Strategic Study of CAE  2016 Vol. 18 No. 6'] },
  },
  'mfa-2017': {
    seed: 'test/fixtures/sources/mfa-2017.txt',
    artifacts: {
      lines: [
        'China · Cybersecurity · cyberwar · Information Warfare',
        'China: International Strategy of Cooperation on\u00a0Cyberspace',
        '2017-03-01 17:18:01 | Editor: Tian Shaohui',
        'Source: Ministry of Foreign Affairs of the People’s Republic of China',
        'Original (in Chinese):',
        'International Strategy of Cooperation on Cyberspace',
        'Page 1/5.',
        'Continued at:',
      ],
    },
  },
};
